import Foundation

/// How every backend keeps times: whole milliseconds since 1970-01-01T00:00:00Z, rounded to
/// the nearest; a `Date` read back equals `date(milliseconds: milliseconds(original))`.
public enum StoredTime {
    /// The stored value of `date`.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The `Date` a stored value reads back as.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
