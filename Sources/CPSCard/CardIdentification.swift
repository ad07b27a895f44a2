import PKCS11
import SmartCard

/// What a card was taken for when it was opened: its generation and interface, and the
/// command set its driver speaks, chosen from the ATR or, for an ATR no public source names,
/// from how the card answered.
public struct CardIdentification: Sendable, Equatable {
    public let generation: CardGeneration
    public let interface: CardInterface
    public let commandSet: CardCommandSet
    /// The name of the known ATR the card matched, nil when its driver was chosen by probing
    /// or the card is reached through a PKCS#11 module.
    public let knownATR: String?
    /// The PKCS#11 module and token label the card is reached through, nil through PC/SC.
    public var middleware: String? = nil

    /// The driver's profile in words, e.g. "ChipDoc on logical channel 1, ATR of a CPS4" or
    /// "IAS-ECC, chosen by probing (ATR not among the known ones)".
    public var profile: String {
        if let middleware { return "\(commandSet.description), \(middleware)" }
        let chosen = knownATR.map { "ATR of a \($0)" } ?? "chosen by probing (ATR not among the known ones)"
        return "\(commandSet.description), \(chosen)"
    }
}

extension CardIdentification {
    /// A card reached through the PKCS#11 module `module`: its generation from the token label
    /// as the ANS middleware writes it (`CPS4…` for a CPS4, `CPS3v3-…` for a CPS3, which OpenSC
    /// follows with the PIN's label), a CPS3 when the label says neither.
    static func token(_ token: PKCS11TokenInfo, module: PKCS11Module) -> CardIdentification {
        let commandSet: CardCommandSet = token.label.hasPrefix("CPS4") ? .chipDoc : .iasECC
        return CardIdentification(generation: commandSet.generation, interface: .contact, commandSet: commandSet, knownATR: nil,
                                  middleware: "through the PKCS#11 module \(module.path), token '\(token.label)'")
    }

    /// Identifies the card behind `channel`, whose ATR is `atr`, and makes its driver.
    ///
    /// - A CPS3 on its contactless interface is refused before any command.
    /// - An exactly known ATR (the CPS4's) decides the command set.
    /// - An ATR known through a mask (the CPS3's) is tried as IAS-ECC, then as ChipDoc, since
    ///   that mask also matches CPS4 ATRs; when both fail, the IAS-ECC error is thrown.
    /// - Any other ATR is tried as IAS-ECC, then as ChipDoc; when both fail the error names the
    ///   ATR and, for each, the step that failed.
    ///
    /// A try reads only the card's public directory: no PIN is sent. Errors other than the
    /// card's (the card removed, pcscd gone) end the attempt at once.
    public static func identify(atr: [UInt8], reader: String,
                                channel: any CardChannel) throws -> (CardIdentification, any CPSCardDriver) {
        let known = KnownATR.matching(atr)
        if let known, known.interface != .contact {
            throw CPSCardError.contactlessInterface(reader: reader)
        }
        let expected = known.map { $0.generation == .cps4 ? CardCommandSet.chipDoc : .iasECC }
        let candidates = expected.map { first in [first] + CardCommandSet.allCases.filter { $0 != first } } ?? CardCommandSet.allCases
        var failures: [(commandSet: CardCommandSet, error: any Error)] = []
        for commandSet in known?.isExact == true ? Array(candidates.prefix(1)) : candidates {
            do {
                let driver = try commandSet.driver(for: channel)
                return (CardIdentification(generation: commandSet.generation, interface: .contact, commandSet: commandSet,
                                           knownATR: commandSet == expected ? known?.name : nil), driver)
            } catch let error as CPSCardError {
                failures.append((commandSet, error))
            } catch let error as SmartCardError {
                failures.append((commandSet, error))
            }
        }
        if known != nil, let first = failures.first {
            throw first.error
        }
        throw CPSCardError.cardNotRecognised(reader: reader, atr: atr, attempts: failures.map { failure in
            let step = (failure.error as? CPSCardError)?.failedStep ?? "\(failure.error)"
            return "as \(failure.commandSet.rawValue) (\(failure.commandSet.generation.rawValue)), \(step)"
        })
    }
}
