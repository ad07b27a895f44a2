import Foundation
import GRDB

extension StoredValue {
    /// The value as SQLite stores it: INTEGER, TEXT, BLOB or NULL.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let integer): integer.databaseValue
        case .text(let text): text.databaseValue
        case .bytes(let bytes): Data(bytes).databaseValue
        }
    }

    /// An SQLite value; a REAL, which no vault column holds, reads as text so that decoding it
    /// reports corruption.
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .double(let double): self = .text(String(double))
        case .string(let text): self = .text(text)
        case .blob(let data): self = .bytes([UInt8](data))
        }
    }
}

extension StoredColumns {
    /// The columns of a fetched SQLite row of `table`.
    init(row: Row, table: String, path: String) {
        self.init(columns: row.map { (name: $0.0, value: StoredValue($0.1)) }, table: table, path: path)
    }
}
