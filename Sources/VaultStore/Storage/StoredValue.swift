import Foundation

/// A column value as every backend stores it: integers (times as Unix milliseconds, flags as
/// 0 or 1), text, bytes, or NULL.
package enum StoredValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case text(String)
    case bytes([UInt8])
}

/// A Swift value that is stored as one column value.
package protocol StoredValueConvertible {
    var storedValue: StoredValue { get }
}

extension Int: StoredValueConvertible {
    package var storedValue: StoredValue { .integer(Int64(self)) }
}

extension Int64: StoredValueConvertible {
    package var storedValue: StoredValue { .integer(self) }
}

extension String: StoredValueConvertible {
    package var storedValue: StoredValue { .text(self) }
}

extension Data: StoredValueConvertible {
    package var storedValue: StoredValue { .bytes([UInt8](self)) }
}

extension Array: StoredValueConvertible where Element == UInt8 {
    package var storedValue: StoredValue { .bytes(self) }
}

extension Optional where Wrapped == any StoredValueConvertible {
    /// The stored value, NULL for nil.
    package var storedValue: StoredValue { self?.storedValue ?? .null }
}

extension [UInt8] {
    /// The bytes as an SQLite BLOB.
    var blob: Data { Data(self) }
}

extension Date {
    /// The time as stored, Unix milliseconds.
    var stored: Int64 { StoredTime.milliseconds(self) }
}
