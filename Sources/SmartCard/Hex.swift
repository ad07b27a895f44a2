/// Upper-case hexadecimal renderings used by descriptions and error messages.
enum Hex {
    /// The bytes as upper-case hex pairs separated by single spaces, e.g. "00 A4 04 0C".
    static func spaced<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.map(byte).joined(separator: " ")
    }

    /// One byte as two upper-case hex digits.
    static func byte(_ value: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 4)], digits[Int(value & 0x0F)]])
    }
}
