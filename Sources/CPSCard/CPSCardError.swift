import SmartCard
import VaultCrypto

/// Why a CPS card could not be read or authenticated, each with what to do about it. No case
/// carries a PIN or key material.
public enum CPSCardError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An ATR no public source names, on a card that answered neither as a CPS3 nor as a CPS4;
    /// `attempts` says, for each command set tried, the step that failed.
    case cardNotRecognised(reader: String, atr: [UInt8], attempts: [String])
    case contactlessInterface(reader: String)
    case noReaderWithCard
    case severalCards(readers: [String])
    case readerIndexOutOfRange(Int, count: Int)
    case malformedPIN
    case newPINLength(minimum: Int, maximum: Int)
    case newPINMismatch
    case pinUnreadable(reason: String)
    /// A wrong PIN; `triesLeft` is nil when the card's middleware does not count them.
    case wrongPIN(triesLeft: Int?)
    case pinBlocked(serial: String)
    case lastTryRefused(serial: String)
    case certificateRejected(CertificateRejection)
    case challengeNotSigned(serial: String)
    case cardRefused(operation: String, status: StatusWord)
    case malformedCardData(what: String, reason: String)
    case missingCardObject(String)
    case noTrustAnchors
    /// No slot of the PKCS#11 module holds a token in the reader named (any reader when nil).
    case noToken(reader: String?, module: String)
    /// The PKCS#11 module does not do `operation` with this card; `instead` says what does.
    case moduleCannotPerform(operation: String, module: String, instead: String)

    public var description: String {
        switch self {
        case .cardNotRecognised(let reader, let atr, let attempts):
            "The card in \(reader) has an ATR no CPS card is known by (\(atr.hexString)) and did not answer as one: "
                + attempts.joined(separator: "; ")
                + ". Insert a CPS, CPE or CPA card; if this is one, report its ATR and these steps to your card issuer."
        case .contactlessInterface(let reader):
            "The card in \(reader) answers through its contactless interface, which has no PIN and no key the vault can use: put the card in the contact slot of a reader (chip side in) and try again."
        case .noReaderWithCard:
            "No reader has a card in it: insert the CPS card, or name the reader with --reader."
        case .severalCards(let readers):
            "Several readers have a card (\(readers.joined(separator: ", "))): say which with --reader NAME or --reader INDEX (see `cpsvault readers`)."
        case .readerIndexOutOfRange(let index, let count):
            "There is no reader number \(index): \(count) reader(s) are connected, numbered from 0 (see `cpsvault readers`)."
        case .malformedPIN:
            "The PIN must be 4 to 8 digits: nothing was sent to the card."
        case .newPINLength(let minimum, let maximum):
            "This card takes a new PIN of \(minimum) to \(maximum) digits: nothing was sent to the card."
        case .newPINMismatch:
            "The new PIN and its confirmation differ: nothing was sent to the card, the PIN is unchanged."
        case .pinUnreadable(let reason):
            "The PIN could not be read: \(reason). Nothing was sent to the card."
        case .wrongPIN(let triesLeft?):
            "Wrong PIN: \(triesLeft) \(triesLeft == 1 ? "try" : "tries") left before the card blocks. It was not retried; check the PIN before trying again."
        case .wrongPIN(nil):
            "Wrong PIN: fewer tries are left before the card blocks (its middleware does not say how many, only that this was not the last). It was not retried; check the PIN before trying again."
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
        case .noToken(let reader?, let module):
            "The PKCS#11 module \(module) has no card in a slot for reader \(reader): insert the card there, or check the reader's name with `cpsvault readers` (the slot description is the reader's name)."
        case .noToken(nil, let module):
            "The PKCS#11 module \(module) sees no card: insert the CPS card (with OpenSC, readers past its virtual slots are not listed: raise max_virtual_slots in opensc.conf)."
        case .moduleCannotPerform(let operation, let module, let instead):
            "The PKCS#11 module \(module) cannot do \(operation) with this card; nothing was written. \(instead)"
        }
    }

    /// The step that failed, in a few words, for a message that lists several attempts.
    var failedStep: String {
        switch self {
        case .cardRefused(let operation, let status): "\(operation) answered \(status)"
        case .malformedCardData(let what, let reason): "its \(what) is malformed (\(reason))"
        case .missingCardObject(let what): "it has no \(what)"
        default: description
        }
    }
}
