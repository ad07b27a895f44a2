import SmartCard
import VaultCrypto

/// Why a CPS card could not be read or authenticated, each with what to do about it. No case
/// carries a PIN or key material.
public enum CPSCardError: Error, CustomStringConvertible, Equatable, Sendable {
    case notACPSCard(reader: String, atr: [UInt8])
    case unsupportedGeneration(CardGeneration, reader: String)
    case noReaderWithCard
    case severalCards(readers: [String])
    case readerIndexOutOfRange(Int, count: Int)
    case malformedPIN
    case pinUnreadable(reason: String)
    case wrongPIN(triesLeft: Int)
    case pinBlocked(serial: String)
    case lastTryRefused(serial: String)
    case certificateRejected(CertificateRejection)
    case challengeNotSigned(serial: String)
    case cardRefused(operation: String, status: StatusWord)
    case malformedCardData(what: String, reason: String)
    case missingCardObject(String)
    case noTrustAnchors

    public var description: String {
        switch self {
        case .notACPSCard(let reader, let atr):
            "The card in \(reader) is not a CPS card (ATR \(atr.hexString)): insert a CPS, CPE or CPA card."
        case .unsupportedGeneration(let generation, let reader):
            "The card in \(reader) is a \(generation.rawValue) card, which this version cannot use yet: use a CPS3 card through its contact interface."
        case .noReaderWithCard:
            "No reader has a card in it: insert the CPS card, or name the reader with --reader."
        case .severalCards(let readers):
            "Several readers have a card (\(readers.joined(separator: ", "))): say which with --reader NAME or --reader INDEX (see `cpsvault readers`)."
        case .readerIndexOutOfRange(let index, let count):
            "There is no reader number \(index): \(count) reader(s) are connected, numbered from 0 (see `cpsvault readers`)."
        case .malformedPIN:
            "The PIN must be 4 to 8 digits: nothing was sent to the card."
        case .pinUnreadable(let reason):
            "The PIN could not be read: \(reason). Nothing was sent to the card."
        case .wrongPIN(let triesLeft):
            "Wrong PIN: \(triesLeft) \(triesLeft == 1 ? "try" : "tries") left before the card blocks. It was not retried; check the PIN before trying again."
        case .pinBlocked(let serial):
            "PIN blocked on card \(serial): unblock it with the card's PUK through your card issuer; no PIN was sent."
        case .lastTryRefused(let serial):
            "Only one PIN try is left on card \(serial): the PIN was not sent, so a mistake cannot block the card. Type it at a terminal with --force-last-try if you are sure of it."
        case .certificateRejected(let rejection):
            "The card's certificate was refused: \(rejection)"
        case .challengeNotSigned(let serial):
            "Card \(serial) did not prove it holds the key of its certificate (its signature of a fresh challenge does not verify): the card may be counterfeit or damaged; do not use it and report it to your card issuer."
        case .cardRefused(let operation, let status):
            "The card refused \(operation) with status \(status) (\(status.meaning)): remove and reinsert the card and try again; if it persists the card may be faulty."
        case .malformedCardData(let what, let reason):
            "The card's \(what) is malformed (\(reason)): the card may be damaged or not a genuine CPS; report it to your card issuer."
        case .missingCardObject(let what):
            "The card has no \(what): it is not a usable CPS card for authentication."
        case .noTrustAnchors:
            "No trust anchor is configured, so no card certificate can be validated: add the IGC-Santé roots to the configuration's \"trustAnchors\" or pass --trust-anchor FILE."
        }
    }
}
