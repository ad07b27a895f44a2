/// The two status bytes SW1-SW2 that end every response APDU (ISO 7816-4 section 5.6).
///
/// The raw value is SW1 in the high byte and SW2 in the low byte; every 16-bit value is representable.
public struct StatusWord: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt16

    /// Wraps a status word given as SW1 << 8 | SW2.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Builds the status word from its two bytes.
    public init(_ sw1: UInt8, _ sw2: UInt8) {
        self.rawValue = UInt16(sw1) << 8 | UInt16(sw2)
    }

    /// The first status byte.
    public var sw1: UInt8 {
        get { UInt8(rawValue >> 8) }
        set { rawValue = UInt16(newValue) << 8 | (rawValue & 0x00FF) }
    }

    /// The second status byte.
    public var sw2: UInt8 {
        get { UInt8(rawValue & 0x00FF) }
        set { rawValue = (rawValue & 0xFF00) | UInt16(newValue) }
    }

    /// The two bytes in transmission order.
    public var bytes: [UInt8] { [sw1, sw2] }

    public static let success = StatusWord(0x90, 0x00)
    public static let endOfFileReached = StatusWord(0x62, 0x82)
    public static let memoryFailure = StatusWord(0x65, 0x81)
    public static let wrongLength = StatusWord(0x67, 0x00)
    public static let logicalChannelNotSupported = StatusWord(0x68, 0x81)
    public static let lastCommandOfChainExpected = StatusWord(0x68, 0x83)
    public static let commandChainingNotSupported = StatusWord(0x68, 0x84)
    public static let securityStatusNotSatisfied = StatusWord(0x69, 0x82)
    public static let authenticationMethodBlocked = StatusWord(0x69, 0x83)
    public static let referenceDataNotUsable = StatusWord(0x69, 0x84)
    public static let conditionsNotSatisfied = StatusWord(0x69, 0x85)
    public static let commandNotAllowed = StatusWord(0x69, 0x86)
    public static let incorrectData = StatusWord(0x6A, 0x80)
    public static let functionNotSupported = StatusWord(0x6A, 0x81)
    public static let fileNotFound = StatusWord(0x6A, 0x82)
    public static let recordNotFound = StatusWord(0x6A, 0x83)
    public static let notEnoughMemory = StatusWord(0x6A, 0x84)
    public static let incorrectP1P2 = StatusWord(0x6A, 0x86)
    public static let referencedDataNotFound = StatusWord(0x6A, 0x88)
    public static let wrongP1P2 = StatusWord(0x6B, 0x00)
    public static let insNotSupported = StatusWord(0x6D, 0x00)
    public static let claNotSupported = StatusWord(0x6E, 0x00)
    public static let noPreciseDiagnosis = StatusWord(0x6F, 0x00)

    /// 61xx: `count` more response bytes wait for GET RESPONSE; `count` is taken modulo 256, so 256 gives 6100.
    public static func bytesAvailable(_ count: Int) -> StatusWord {
        StatusWord(0x61, UInt8(truncatingIfNeeded: count))
    }

    /// 6Cxx: wrong Le, resend with Le = `exact`; `exact` is taken modulo 256, so 256 gives 6C00.
    public static func wrongLe(exact: Int) -> StatusWord {
        StatusWord(0x6C, UInt8(truncatingIfNeeded: exact))
    }

    /// 63Cx: verification failed with `triesLeft` tries remaining, clamped to 0...15.
    public static func verificationFailed(triesLeft: Int) -> StatusWord {
        StatusWord(0x63, 0xC0 | UInt8(min(max(triesLeft, 0), 15)))
    }

    /// True only for 9000, normal processing with no further qualification.
    public var isSuccess: Bool { self == .success }

    /// The number of bytes waiting for GET RESPONSE, from 61xx (xx = 00 meaning 256); nil for any other status.
    public var bytesAvailable: Int? {
        sw1 == 0x61 ? Self.count(fromByte: sw2) : nil
    }

    /// The exact Le the card asks for, from 6Cxx (xx = 00 meaning 256); nil for any other status.
    public var exactLength: Int? {
        sw1 == 0x6C ? Self.count(fromByte: sw2) : nil
    }

    /// The verification tries left, from 63Cx; nil for any other status.
    public var verificationTriesLeft: Int? {
        sw1 == 0x63 && sw2 & 0xF0 == 0xC0 ? Int(sw2 & 0x0F) : nil
    }

    /// Four upper-case hex digits followed by the ISO 7816-4 meaning, e.g. "6982 (security status not satisfied)".
    public var description: String {
        "\(Hex.byte(sw1))\(Hex.byte(sw2)) (\(meaning))"
    }

    private static func count(fromByte byte: UInt8) -> Int {
        byte == 0 ? 256 : Int(byte)
    }
}
