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
        appendField(field)
    }

    /// Appends a number as a 4-byte big-endian field.
    public mutating func append(_ value: UInt32) {
        appendLength(4)
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends text as a UTF-8 field.
    public mutating func append(_ text: String) {
        appendField(text.utf8)
    }

    private mutating func appendField(_ field: some Collection<UInt8>) {
        appendLength(field.count)
        bytes.append(contentsOf: field)
    }

    private mutating func appendLength(_ count: Int) {
        withUnsafeBytes(of: UInt32(count).bigEndian) { bytes.append(contentsOf: $0) }
    }
}
