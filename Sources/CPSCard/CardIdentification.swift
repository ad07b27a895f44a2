import SmartCard

/// What a card was taken for when it was opened: its generation and interface, and the
/// command set its driver speaks, chosen from the ATR or, for an ATR no public source names,
/// from how the card answered.
public struct CardIdentification: Sendable, Equatable {
    public let generation: CardGeneration
    public let interface: CardInterface
    public let commandSet: CardCommandSet
    /// The name of the known ATR the card matched, nil when its driver was chosen by probing.
    public let knownATR: String?

    /// The driver's profile in words, e.g. "ChipDoc on logical channel 1, ATR of a CPS4" or
    /// "IAS-ECC, chosen by probing (unknown ATR)".
    public var profile: String {
        let chosen = knownATR.map { "ATR of a \($0)" } ?? "chosen by probing (unknown ATR)"
        return "\(commandSet.description), \(chosen)"
    }
}

extension CardIdentification {
    /// Identifies the card behind `channel`, whose ATR is `atr`, and makes its driver. A known
    /// ATR decides the command set; a CPS3 on its contactless interface is refused before any
    /// command. A card whose ATR no public source names is tried as a CPS3, then as a CPS4,
    /// reading only its public directory (no PIN is sent); when neither works the error names
    /// the ATR and, for each, the step that failed. Errors other than the card's (the card
    /// removed, pcscd gone) end the attempt at once.
    public static func identify(atr: [UInt8], reader: String,
                                channel: any CardChannel) throws -> (CardIdentification, any CPSCardDriver) {
        if let known = KnownATR.matching(atr) {
            guard known.interface == .contact else { throw CPSCardError.contactlessInterface(reader: reader) }
            let commandSet: CardCommandSet = known.generation == .cps4 ? .chipDoc : .iasECC
            return (CardIdentification(generation: known.generation, interface: known.interface,
                                       commandSet: commandSet, knownATR: known.name),
                    try commandSet.driver(for: channel))
        }
        var attempts: [String] = []
        for commandSet in CardCommandSet.allCases {
            let attempt = "as \(commandSet.rawValue) (\(commandSet.generation.rawValue))"
            do {
                let driver = try commandSet.driver(for: channel)
                return (CardIdentification(generation: commandSet.generation, interface: .contact,
                                           commandSet: commandSet, knownATR: nil), driver)
            } catch let error as CPSCardError {
                attempts.append("\(attempt), \(error.failedStep)")
            } catch let error as SmartCardError {
                attempts.append("\(attempt), \(error)")
            }
        }
        throw CPSCardError.cardNotRecognised(reader: reader, atr: atr, attempts: attempts)
    }
}

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
