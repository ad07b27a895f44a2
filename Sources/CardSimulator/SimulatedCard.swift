import Foundation
import SmartCard
import VaultCrypto

/// A software CPS3 card (IAS-ECC profile, contact interface), or a CPS4 (ChipDoc, see
/// `CPS4Layout`) when its profile says so, that answers command APDUs the way the real card
/// does, T=0 conventions included: data produced by a command is announced with `61 xx` and
/// fetched with GET RESPONSE, and a wrong Le is answered `6C xx`.
///
/// Security state (verified PIN, security environment, selection) lives until the card is
/// reset or powered off; the PIN try counter survives both, and restarts when it has a file.
public final class SimulatedCard: @unchecked Sendable {
    let profile: CardProfile
    let root: CardFile
    private let lock = NSLock()
    var pinCounter: PINCounter
    /// The PIN the card compares against: the profile's until CHANGE REFERENCE DATA replaces it.
    var referencePIN: SecretBytes
    var session = CardSession()
    var chipDoc = ChipDocSession()
    private var processed = 0
    private var privateKeyOperationCount = 0

    /// Builds the card described by `profile`; `pinCounterFile`, when given, keeps the try counter.
    public init(profile: CardProfile, pinCounterFile: URL? = nil) throws(SimulatorError) {
        self.profile = profile
        root = profile.generation == .cps4 ? CPS4Layout.fileSystem(for: profile) : CPS3Layout.fileSystem(for: profile)
        referencePIN = profile.pin
        pinCounter = try PINCounter(maximum: profile.pinTriesMax, file: pinCounterFile)
    }

    /// The answer to reset.
    public var atr: [UInt8] { profile.atr ?? profile.generation.atr }

    /// The label of the profile this card was made from.
    public var label: String { profile.label }

    /// The number of command APDUs the card has answered since it was made: what a client
    /// spends on the card, counted the same way whichever client sends them.
    public var commandsProcessed: Int { lock.withLock { processed } }

    /// The private-key operations the card has performed since it was made (INTERNAL
    /// AUTHENTICATE, PSO DECIPHER, PSO COMPUTE DIGITAL SIGNATURE): what costs a real card most.
    public var privateKeyOperations: Int { lock.withLock { privateKeyOperationCount } }

    /// How long the card takes to answer: its profile's latency.
    public var latency: CardLatency { profile.latency }

    /// Tries left before the PIN blocks.
    public var pinTriesLeft: Int { lock.withLock { pinCounter.remaining } }

    /// A reset or a power cycle: every security state and the selection are lost.
    public func reset() {
        lock.withLock {
            session = CardSession()
            chipDoc = ChipDocSession()
        }
    }

    /// Processes one command APDU and returns the response APDU (data, then SW1 SW2), after
    /// the time the profile's latency gives the exchange (the card stays busy meanwhile).
    /// Never fails: malformed and unknown commands get the status words a real card gives.
    public func process(_ command: [UInt8]) -> [UInt8] {
        lock.withLock {
            processed += 1
            let reply: CardReply
            do throws(CardRefusal) {
                reply = try dispatch(command)
            } catch {
                reply = .status(error.status)
            }
            let answer = reply.encoded
            let operation = CardOperation(command: command, answer: answer)
            if operation?.usesPrivateKey == true { privateKeyOperationCount += 1 }
            let wait = profile.latency.duration(exchanging: command.count + answer.count, performing: operation)
            if wait > .zero { Thread.sleep(forTimeInterval: wait.seconds) }
            return answer
        }
    }

    private func dispatch(_ bytes: [UInt8]) throws(CardRefusal) -> CardReply {
        let command: CommandAPDU
        do {
            command = try CommandAPDU(parsing: bytes)
        } catch {
            session.pendingResponse = []
            throw CardRefusal(.wrongLength)
        }
        if command.ins == 0xC0 {
            return try getResponse(command)
        }
        session.pendingResponse = []
        if profile.generation != .cps4 {
            guard command.cla & ~0x10 == 0x00 else { throw CardRefusal(.claNotSupported) }
        }
        guard !command.isExtended else { throw CardRefusal(.wrongLength) }
        guard let whole = try session.chain(command) else { return .status(.success) }
        let data = profile.generation == .cps4 ? try executeChipDoc(whole) : try execute(whole)
        return deliver(data, to: whole)
    }

    private func execute(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        switch command.ins {
        case 0xA4: try select(command)
        case 0xB0: try readBinary(command)
        case 0xCB: try getData(command)
        case 0x20: try verify(command)
        case 0x24: try changeReferenceData(command)
        case 0x22: try manageSecurityEnvironment(command)
        case 0x88: try internalAuthenticate(command)
        case 0x2A: try performSecurityOperation(command)
        case 0x84: try getChallenge(command)
        default: throw CardRefusal(.insNotSupported)
        }
    }

    /// T=0: a command that sent no data and asked for some (case 2) gets it at once, anything
    /// else that produced data announces it with `61 xx`.
    private func deliver(_ data: [UInt8], to command: CommandAPDU) -> CardReply {
        if data.isEmpty { return .status(.success) }
        if command.data.isEmpty, command.expectedLength != nil { return .data(data) }
        session.pendingResponse = data
        return .status(.bytesAvailable(min(data.count, 256)))
    }

    private func getResponse(_ command: CommandAPDU) throws(CardRefusal) -> CardReply {
        guard command.p1 == 0, command.p2 == 0 else { throw CardRefusal(.wrongP1P2) }
        let pending = session.pendingResponse
        guard !pending.isEmpty else { throw CardRefusal(.conditionsNotSatisfied) }
        let wanted = command.expectedLength ?? 256
        guard wanted <= pending.count else {
            throw CardRefusal(.wrongLe(exact: min(pending.count, 256)))
        }
        session.pendingResponse = Array(pending.dropFirst(wanted))
        let part = Array(pending.prefix(wanted))
        if session.pendingResponse.isEmpty { return .data(part) }
        return .dataThenMore(part, remaining: session.pendingResponse.count)
    }
}

/// A refused command, carried as the status word the card answers.
struct CardRefusal: Error {
    let status: StatusWord
    init(_ status: StatusWord) { self.status = status }
}

/// What the card sends back for one command.
enum CardReply {
    case status(StatusWord)
    case data([UInt8])
    case dataThenMore([UInt8], remaining: Int)

    var encoded: [UInt8] {
        switch self {
        case .status(let status):
            ResponseAPDU(status: status).encoded
        case .data(let data):
            ResponseAPDU(data: data, status: .success).encoded
        case .dataThenMore(let data, let remaining):
            ResponseAPDU(data: data, status: .bytesAvailable(min(remaining, 256))).encoded
        }
    }
}
