import Foundation
import GRDB

/// One fetched SQLite row, read column by column into Swift values; a value of the wrong type
/// is reported as corruption instead of trapping.
struct SQLiteColumns {
    let row: Row
    let table: String
    let path: String

    func bytes(_ column: String) throws(VaultStoreError) -> [UInt8] {
        [UInt8](try decode(Data.self, column))
    }

    func optionalBytes(_ column: String) throws(VaultStoreError) -> [UInt8]? {
        try decode(Data?.self, column).map { [UInt8]($0) }
    }

    func int(_ column: String) throws(VaultStoreError) -> Int {
        try decode(Int.self, column)
    }

    func int64(_ column: String) throws(VaultStoreError) -> Int64 {
        try decode(Int64.self, column)
    }

    func bool(_ column: String) throws(VaultStoreError) -> Bool {
        try decode(Int.self, column) != 0
    }

    func string(_ column: String) throws(VaultStoreError) -> String {
        try decode(String.self, column)
    }

    func optionalString(_ column: String) throws(VaultStoreError) -> String? {
        try decode(String?.self, column)
    }

    func date(_ column: String) throws(VaultStoreError) -> Date {
        StoredTime.date(milliseconds: try int64(column))
    }

    func optionalDate(_ column: String) throws(VaultStoreError) -> Date? {
        try decode(Int64?.self, column).map(StoredTime.date(milliseconds:))
    }

    func enumeration<E: RawRepresentable>(_ type: E.Type, _ column: String) throws(VaultStoreError) -> E
    where E.RawValue == String {
        guard let value = E(rawValue: try string(column)) else { throw unexpected(column) }
        return value
    }

    private func decode<V: DatabaseValueConvertible>(_ type: V.Type, _ column: String) throws(VaultStoreError) -> V {
        do {
            return try row.decode(type, forColumn: column)
        } catch {
            throw unexpected(column)
        }
    }

    private func unexpected(_ column: String) -> VaultStoreError {
        .corrupt(path: path, detail: "unexpected value in \(table).\(column)")
    }
}

extension [UInt8] {
    /// The bytes as an SQLite BLOB.
    var blob: Data { Data(self) }
}

extension Date {
    /// The time as stored, Unix milliseconds.
    var stored: Int64 { StoredTime.milliseconds(self) }
}
