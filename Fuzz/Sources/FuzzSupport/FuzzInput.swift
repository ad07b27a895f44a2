/// One fuzzer input cut into parts: each part is a big-endian length (`lengthBytes` wide) then
/// that many bytes, the framing vpcd uses for APDUs. A length running past the end takes what
/// remains, so every input, however mutated, splits into parts.
public struct FuzzInput {
    private let bytes: [UInt8]
    private let lengthBytes: Int
    private var offset = 0

    /// Reads parts out of `bytes`; lengths are `lengthBytes` (1 to 4) bytes wide.
    public init(_ bytes: [UInt8], lengthBytes: Int = 2) {
        precondition((1...4).contains(lengthBytes), "a part length is 1 to 4 bytes wide")
        self.bytes = bytes
        self.lengthBytes = lengthBytes
    }

    /// The next part, or nil when the input is used up.
    public mutating func nextPart() -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        let lengthEnd = min(offset + lengthBytes, bytes.count)
        let length = bytes[offset..<lengthEnd].reduce(0) { $0 << 8 | Int($1) }
        offset = lengthEnd
        let end = min(offset + length, bytes.count)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }

    /// Every remaining part, in order.
    public mutating func remainingParts() -> [[UInt8]] {
        var parts: [[UInt8]] = []
        while let part = nextPart() { parts.append(part) }
        return parts
    }

    /// The input that `nextPart` splits back into `parts`: how seeds are written.
    public static func framed(_ parts: [[UInt8]], lengthBytes: Int = 2) -> [UInt8] {
        parts.flatMap { part in
            (0..<lengthBytes).reversed().map { UInt8(truncatingIfNeeded: part.count >> (8 * $0)) } + part
        }
    }
}
