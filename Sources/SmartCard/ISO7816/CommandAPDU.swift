/// A command APDU (ISO 7816-3 section 12.1 and ISO 7816-4 section 5.1): header, command data (Nc bytes)
/// and the number of response bytes expected (Ne).
///
/// Any field values can be held; `encoded()` checks them (Nc at most 65535, Ne in 1...65536).
/// The description never shows the data field of PIN commands.
public struct CommandAPDU: Sendable, Hashable, CustomStringConvertible {
    public var cla: UInt8
    public var ins: UInt8
    public var p1: UInt8
    public var p2: UInt8
    /// The command data field; its count is Nc.
    public var data: [UInt8]
    /// Ne, the maximum number of response data bytes expected; nil means no Le field.
    /// 256 is sent as the short Le "00" and 65536 as the extended Le "0000".
    public var expectedLength: Int?

    /// The largest Nc an extended APDU can carry.
    public static let maximumDataLength = 65535
    /// The largest Ne an extended APDU can ask for.
    public static let maximumExpectedLength = 65536

    /// Builds a command from its fields; nothing is validated until `encoded()`.
    public init(
        cla: UInt8 = 0x00, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], expectedLength: Int? = nil
    ) {
        self.cla = cla
        self.ins = ins
        self.p1 = p1
        self.p2 = p2
        self.data = data
        self.expectedLength = expectedLength
    }

    /// True when the command needs the extended length form: Nc above 255 or Ne above 256.
    public var isExtended: Bool {
        data.count > 255 || (expectedLength ?? 0) > 256
    }

    /// INS codes whose data field is reference data (a PIN or PUK): VERIFY (20, 21),
    /// CHANGE REFERENCE DATA (24) and RESET RETRY COUNTER (2C).
    public static let referenceDataInstructions: Set<UInt8> = [0x20, 0x21, 0x24, 0x2C]

    /// The header and lengths in hex; the data field is shown unless the command carries reference data.
    public var description: String {
        var parts = [Hex.spaced([cla, ins, p1, p2])]
        if !data.isEmpty {
            parts.append("Lc=\(data.count)")
            parts.append(
                Self.referenceDataInstructions.contains(ins)
                    ? "<\(data.count) bytes of reference data hidden>" : Hex.spaced(data))
        }
        if let expectedLength {
            parts.append("Le=\(expectedLength)")
        }
        return parts.joined(separator: " ")
    }
}
