/// The card a simulated card answers as, named in its profile's `"generation"`.
public enum SimulatedGeneration: String, Sendable, Codable {
    /// A CPS3 on its contact interface: IAS-ECC on the basic channel (`CPS3Layout`).
    case cps3
    /// A CPS3 read through its contactless interface. Only the ATR is the contactless one; the
    /// card otherwise answers as on its contact interface, since a client must refuse it from
    /// the ATR before sending any command.
    case cps3Contactless = "cps3-contactless"
    /// A CPS4: the ChipDoc applet on logical channel 1 (`CPS4Layout`).
    case cps4

    /// The answer to reset.
    var atr: [UInt8] {
        switch self {
        case .cps3: CPS3Layout.atr
        case .cps3Contactless: Self.contactlessATR
        case .cps4: CPS4Layout.atr
        }
    }

    /// The CPS3 contactless ATR.
    private static let contactlessATR: [UInt8] = [
        0x3B, 0x8F, 0x80, 0x01, 0x00, 0x31, 0xB8, 0x64, 0x04, 0xB0, 0xEC, 0xC1, 0x73, 0x94, 0x01, 0x80, 0x82, 0x90, 0x00, 0x0E,
    ]
}
