import Foundation

/// One fetched row, read column by column into Swift values; a missing column or a value of the
/// wrong type is reported as corruption instead of trapping.
package struct StoredColumns {
    /// The row's columns in the order the query returned them. A row has a dozen columns at
    /// most, so a column is found by comparing names, which costs less than hashing them into a
    /// dictionary for every row read.
    package let columns: [(name: String, value: StoredValue)]
    /// The table the row comes from, for error messages.
    package let table: String
    /// Where the vault is stored, for error messages.
    package let path: String

    /// The row whose columns are `columns`; where a name repeats, the first is read.
    package init(columns: [(name: String, value: StoredValue)], table: String, path: String) {
        self.columns = columns
        self.table = table
        self.path = path
    }

    package func bytes(_ column: String) throws(VaultStoreError) -> [UInt8] {
        guard case .bytes(let bytes) = try value(column) else { throw unexpected(column) }
        return bytes
    }

    package func optionalBytes(_ column: String) throws(VaultStoreError) -> [UInt8]? {
        if case .null = try value(column) { return nil }
        return try bytes(column)
    }

    package func int(_ column: String) throws(VaultStoreError) -> Int {
        guard let value = Int(exactly: try int64(column)) else { throw unexpected(column) }
        return value
    }

    package func int64(_ column: String) throws(VaultStoreError) -> Int64 {
        guard case .integer(let integer) = try value(column) else { throw unexpected(column) }
        return integer
    }

    package func optionalInt64(_ column: String) throws(VaultStoreError) -> Int64? {
        if case .null = try value(column) { return nil }
        return try int64(column)
    }

    package func bool(_ column: String) throws(VaultStoreError) -> Bool {
        try int64(column) != 0
    }

    package func string(_ column: String) throws(VaultStoreError) -> String {
        guard case .text(let text) = try value(column) else { throw unexpected(column) }
        return text
    }

    package func optionalString(_ column: String) throws(VaultStoreError) -> String? {
        if case .null = try value(column) { return nil }
        return try string(column)
    }

    package func date(_ column: String) throws(VaultStoreError) -> Date {
        StoredTime.date(milliseconds: try int64(column))
    }

    package func optionalDate(_ column: String) throws(VaultStoreError) -> Date? {
        if case .null = try value(column) { return nil }
        return try date(column)
    }

    package func enumeration<E: RawRepresentable>(_ type: E.Type, _ column: String) throws(VaultStoreError) -> E
    where E.RawValue == String {
        guard let value = E(rawValue: try string(column)) else { throw unexpected(column) }
        return value
    }

    private func value(_ column: String) throws(VaultStoreError) -> StoredValue {
        guard let found = columns.first(where: { $0.name == column }) else { throw unexpected(column) }
        return found.value
    }

    private func unexpected(_ column: String) -> VaultStoreError {
        .corrupt(path: path, detail: "unexpected value in \(table).\(column)")
    }
}
