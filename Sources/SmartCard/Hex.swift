/// Upper-case hexadecimal renderings used by descriptions and error messages.
enum Hex {
    /// The bytes as upper-case hex pairs separated by single spaces, e.g. "00 A4 04 0C".
    static func spaced<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.map(byte).joined(separator: " ")
    }

    /// One byte as two upper-case hex digits.
    static func byte(_ value: UInt8) -> String {
        [value].hexString
    }

    /// The sixteen digits, as UTF-8.
    static let digits = Array("0123456789ABCDEF".utf8)
}

extension Array where Element == UInt8 {
    /// The bytes as upper-case hexadecimal without separators, e.g. "3BAC0040".
    public var hexString: String {
        // Written straight into the string's storage: the vault names its binding keys and
        // files in hexadecimal on every access check.
        String(unsafeUninitializedCapacity: count * 2) { text in
            for (index, byte) in enumerated() {
                text[2 * index] = Hex.digits[Int(byte >> 4)]
                text[2 * index + 1] = Hex.digits[Int(byte & 0x0F)]
            }
            return count * 2
        }
    }

    /// Bytes from hexadecimal digits, spaces and colons ignored; nil when `text` is not hexadecimal.
    public init?(hexString text: String) {
        let digits = Array(text.filter { $0 != " " && $0 != ":" }.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Hex.value(of: digits[index]), let low = Hex.value(of: digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self = bytes
    }
}

extension Hex {
    /// The value of one ASCII hexadecimal digit, or nil.
    static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
