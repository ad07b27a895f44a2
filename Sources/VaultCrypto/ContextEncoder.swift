/// An unambiguous encoding of what a ciphertext is bound to, for authenticated data: a
/// domain-separation label, then each field as a 4-byte big-endian length and its bytes, in the
/// order appended. Two different field lists never encode to the same bytes.
public struct ContextEncoder: Sendable, Hashable {
    /// The encoding so far.
    public private(set) var bytes: [UInt8] = []

    /// Starts an encoding with `label` (UTF-8) as its first field; the label names the purpose and its version.
    public init(label: String) {
        append(label)
    }

    /// Appends a field of raw bytes (shorter than 4 GiB).
    public mutating func append(_ field: [UInt8]) {
        bytes += UInt32(field.count).bigEndianBytes
        bytes += field
    }

    /// Appends a number as a 4-byte big-endian field.
    public mutating func append(_ value: UInt32) {
        append(value.bigEndianBytes)
    }

    /// Appends text as a UTF-8 field.
    public mutating func append(_ text: String) {
        append(Array(text.utf8))
    }
}
