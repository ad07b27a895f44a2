import SmartCard

/// The command sets a CPS card speaks, one per generation.
public enum CardCommandSet: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// IAS-ECC on the basic channel: the CPS3.
    case iasECC = "IAS-ECC"
    /// NXP ChipDoc on logical channel 1: the CPS4.
    case chipDoc = "ChipDoc"

    public var description: String {
        switch self {
        case .iasECC: "IAS-ECC"
        case .chipDoc: "ChipDoc on logical channel 1"
        }
    }

    /// The generation that speaks this command set.
    public var generation: CardGeneration {
        switch self {
        case .iasECC: .cps3
        case .chipDoc: .cps4
        }
    }

    /// A driver for the card behind `channel`; it reads the card's directory, so it fails on a
    /// card that does not speak this command set.
    func driver(for channel: any CardChannel) throws -> any CPSCardDriver {
        switch self {
        case .iasECC: try CPS3ContactDriver(channel: channel)
        case .chipDoc: try CPS4Driver(channel: channel)
        }
    }
}
