/// Everything that can go wrong between this process, pcscd, a reader and a card.
///
/// Each case's `description` says what happened and what the user can do about it, and names
/// the reader concerned.
public enum PCSCError: Error, CustomStringConvertible, Equatable {
    /// pcscd is not running or went away during the call.
    case serviceUnavailable
    /// pcscd runs but has no reader.
    case noReaders
    /// No reader has this name.
    case readerNotFound(String)
    /// The reader is empty.
    case noCard(reader: String)
    /// The card left the reader while a connection to it was open.
    case cardRemoved(reader: String)
    /// Another connection reset the card, so its security state is lost.
    case cardReset(reader: String)
    /// Another program holds the card exclusively (or holds it shared while exclusive access was asked).
    case sharingViolation(reader: String)
    /// The card does not answer: mute, unpowered or inserted the wrong way.
    case unresponsiveCard(reader: String)
    /// The card speaks none of the requested protocols.
    case unsupportedCard(reader: String)
    /// The time limit of a wait passed.
    case timeout
    /// The wait was cancelled.
    case cancelled
    /// The reader exists but cannot be used now (unplugged, driver stopped).
    case readerUnavailable(reader: String)
    /// Any other pcsc-lite failure, with the function, its return code and pcsc-lite's text for it.
    case other(function: String, code: UInt32, message: String)

    public var description: String { "\(summary): \(remedy)" }

    /// What happened, without a final period.
    var summary: String {
        switch self {
        case .serviceUnavailable:
            "pcscd is not running"
        case .noReaders:
            "No smart-card reader is connected"
        case .readerNotFound(let reader):
            "No smart-card reader is named \"\(reader)\""
        case .noCard(let reader):
            "No card in \(Self.name(reader))"
        case .cardRemoved(let reader):
            "The card was removed from \(Self.name(reader)) during the operation"
        case .cardReset(let reader):
            "The card in \(Self.name(reader)) was reset by another program, so its verified PIN and selected application are lost"
        case .sharingViolation(let reader):
            "Another program is using the card in \(Self.name(reader))"
        case .unresponsiveCard(let reader):
            "The card in \(Self.name(reader)) does not respond"
        case .unsupportedCard(let reader):
            "The card in \(Self.name(reader)) speaks neither T=0 nor T=1"
        case .timeout:
            "The smart-card operation timed out"
        case .cancelled:
            "The wait for a smart card was cancelled"
        case .readerUnavailable(let reader):
            "Cannot use \(Self.name(reader)) (unplugged, or its driver stopped)"
        case .other(let function, let code, let message):
            "\(function) failed: \(message) (0x\(String(code, radix: 16, uppercase: true)))"
        }
    }

    /// What to do about it, ending with a period.
    var remedy: String {
        switch self {
        case .serviceUnavailable:
            "start it (Scripts/cardstack start, or `systemctl start pcscd` on a workstation) and try again."
        case .noReaders:
            "plug in a reader (or start the simulated ones with Scripts/cardstack start)."
        case .readerNotFound:
            "choose one of the connected readers, or plug that reader back in, and try again."
        case .noCard:
            "insert the CPS card and try again."
        case .cardRemoved:
            "reinsert it and start again; the interrupted operation was not completed."
        case .cardReset:
            "start the operation again; if it keeps happening, close the other program using the card."
        case .sharingViolation:
            "close that program or wait for it to finish, then try again."
        case .unresponsiveCard:
            "check that it is inserted chip first and the right way up, remove and reinsert it; if it still fails the card may be damaged."
        case .unsupportedCard:
            "insert a CPS card; if it is one, try another reader."
        case .timeout:
            "insert the card (or check the reader) and try again."
        case .cancelled:
            "start the operation again when ready."
        case .readerUnavailable:
            "reconnect the reader and try again."
        case .other:
            "try again; if it persists, restart pcscd and report this code."
        }
    }

    /// "reader \"NAME\"", or "the reader" when the reader is not known.
    private static func name(_ reader: String) -> String {
        reader.isEmpty ? "the reader" : "reader \"\(reader)\""
    }
}
