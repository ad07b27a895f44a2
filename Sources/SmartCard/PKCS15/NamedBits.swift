import SwiftASN1

/// A PKCS#15 flags BIT STRING: named bit n is bit 7 - n % 8 of content byte n / 8 (bit 0 is the most
/// significant bit of the first byte), and the option set's raw value holds named bit n at 1 << n.
///
/// Encoding drops trailing zero bits and sets the unused-bits count, as DER and OpenSC's
/// `encode_bit_field` do; decoding reads BER as `PKCS15BitString` does and ignores named bits beyond 31.
protocol NamedBits: OptionSet, Sendable, Hashable where RawValue == UInt32 {}

extension NamedBits {
    init(bitString: PKCS15BitString) {
        var raw: UInt32 = 0
        for (index, byte) in bitString.bytes.prefix(4).enumerated() {
            for bit in 0..<8 where byte & (0x80 >> bit) != 0 {
                raw |= 1 << UInt32(index * 8 + bit)
            }
        }
        self.init(rawValue: raw)
    }

    var bitString: ASN1BitString {
        guard rawValue != 0 else {
            return ASN1BitString(bytes: [], paddingBits: 0)
        }
        let highest = 31 - rawValue.leadingZeroBitCount
        var bytes = [UInt8](repeating: 0, count: highest / 8 + 1)
        for bit in 0...highest where rawValue & (1 << UInt32(bit)) != 0 {
            bytes[bit / 8] |= 0x80 >> (bit % 8)
        }
        return ASN1BitString(bytes: bytes[...], paddingBits: 7 - highest % 8)
    }
}
