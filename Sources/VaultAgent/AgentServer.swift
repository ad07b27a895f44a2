import Foundation
import Synchronization
import VaultCore

/// The cpsvault agent: one card session served on an owner-only Unix socket, one connection at a
/// time, until the card leaves, the idle timeout passes without a request, `stop` is asked, or
/// the process gets SIGINT or SIGTERM. Only connections from the agent's own user are served;
/// the session's keys are wiped and the socket removed when it ends.
///
/// The card signs the audit head between requests as `checkpoints` schedules it, and when the
/// agent ends only if something is unsigned: a request itself spends no card operation.
public final class AgentServer {
    /// Why the agent stopped serving.
    public enum Ending: Equatable, Sendable {
        case cardLeft, idle, stopped, signalled

        public var explanation: String {
            switch self {
            case .cardLeft: "the card left the reader, or pcscd stopped"
            case .idle: "no request within the idle timeout"
            case .stopped: "`cpsvault agent stop` was asked"
            case .signalled: "the agent was interrupted"
            }
        }
    }

    public let session: VaultSession
    public let reader: String
    public let socketPath: String
    public let idleTimeout: Duration
    public let checkpoints: CheckpointSchedule
    private let exitStatus: (any Error) -> Int32
    private let listener: AgentSocket
    private let wake: WakePipe
    private let interrupted = Interruption()
    private var lastRequest = ContinuousClock.now
    /// Before this, a checkpoint that failed is not tried again.
    private var checkpointRetry = ContinuousClock.now

    /// Listens at `socketPath` (its folder checked or made owner-only, a stale socket replaced).
    /// A request that fails is answered with its message and the exit status `exitStatus` gives
    /// it, as the command would have ended had it run the request itself.
    public init(session: VaultSession, reader: String, socketPath: String, idleTimeout: Duration,
                checkpoints: CheckpointSchedule = .standard, exitStatus: @escaping (any Error) -> Int32) throws(AgentError) {
        self.session = session
        self.reader = reader
        self.socketPath = socketPath
        self.idleTimeout = idleTimeout
        self.checkpoints = checkpoints
        self.exitStatus = exitStatus
        try AgentSocketPlace.prepare(socketPath)
        listener = try AgentSocket.listen(at: socketPath)
        wake = try WakePipe()
    }

    /// Serves until the session ends, the agent idles out or is stopped; then has the card sign
    /// what is still unsigned (unless the card left), ends the session (its keys wiped) and
    /// removes the socket.
    public func serve() -> Ending {
        var ending: Ending?
        defer {
            // A card that has left cannot sign: the next checkpoint any card signs covers the rest.
            if ending != .cardLeft { try? session.auditTrail.signAuditCheckpoint() }
            AgentFileSystem.remove(socketPath)
            session.end()
        }
        let wake = self.wake, session = self.session
        let watcher = Task.detached {
            await session.waitUntilEnded()
            wake.wake()
        }
        defer { watcher.cancel() }
        let interrupted = self.interrupted
        let signals = AgentFileSystem.onTermination {
            interrupted.flag.withLock { $0 = true }
            wake.wake()
        }
        defer { signals.restore() }
        while ending == nil {
            ending = serveOnce()
        }
        return ending ?? .stopped
    }

    /// Waits for one connection, or a checkpoint falling due, and serves it; the ending when the
    /// agent should stop.
    private func serveOnce() -> Ending? {
        if interrupted.flag.withLock({ $0 }) { return .signalled }
        guard session.isOpen else { return .cardLeft }
        let now = ContinuousClock.now
        let left = idleTimeout - (now - lastRequest)
        guard left > .zero else { return .idle }
        if now >= checkpointRetry {
            do {
                try session.auditTrail.signAuditCheckpointIfDue(checkpoints, now: now)
            } catch {
                // A card that fails to sign (pulled out meanwhile) is asked again an interval later;
                // the next checkpoint any card signs covers what waits.
                checkpointRetry = now + checkpoints.interval
            }
        }
        let untilCheckpoint = session.auditTrail.nextCheckpoint(checkpoints).map { max($0, checkpointRetry) - now } ?? left
        let wait = min(left, max(untilCheckpoint, .zero))
        let milliseconds = Int32(clamping: (wait.components.seconds * 1000) + (wait.components.attoseconds / 1_000_000_000_000_000) + 1)
        let ready = listener.waitForConnection(orWake: wake, milliseconds: milliseconds)
        if ready.wake { wake.drain() }
        guard ready.connection, let connection = try? listener.accept() else { return nil }
        return handle(connection) ? .stopped : nil
    }

    /// Serves one connection; true when it asked the agent to stop.
    private func handle(_ connection: AgentSocket) -> Bool {
        guard let peer = try? connection.peerUserID(), peer == AgentFileSystem.userID else {
            // Another user: nothing read, nothing answered, not counted as activity.
            return false
        }
        do {
            connection.setReceiveTimeout(seconds: 10)
            let call = try connection.receiveMessage(AgentCall.self, messageLimit: AgentFrame.callLimit)
            connection.setReceiveTimeout(seconds: nil)
            switch call {
            case .status:
                try connection.send(message: AgentReply.result(status()))
            case .stop:
                try connection.send(message: AgentReply.result(Completed()))
                return true
            case .run(let request, let vault):
                // Only vault work keeps the agent alive: polling its status does not.
                defer { lastRequest = .now }
                try run(request, forVault: vault, on: connection)
            }
        } catch AgentError.unsupportedVersion(let version) {
            refuse(AgentError.unsupportedVersion(version), on: connection)
        } catch AgentError.unknownRequest(let name) {
            refuse(AgentError.unknownRequest(name), on: connection)
        } catch {
            // The client went away or spoke nonsense: nothing more to tell it.
        }
        return false
    }

    /// Answers a call the agent cannot understand, so the command says why.
    private func refuse(_ error: AgentError, on connection: AgentSocket) {
        try? connection.send(message: AgentReply<Completed>.failure(failure(error)))
    }

    private func run<Request: AgentRequest>(_ request: Request, forVault vault: String, on connection: AgentSocket) throws {
        guard session.isOpen else {
            return try connection.send(message: AgentReply<Completed>.failure(failure(VaultError.sessionEnded)))
        }
        guard AgentSocketPlace.sameFile(vault, session.vault.path) else {
            var refusal = failure(AgentError.otherVault(agent: session.vault.path, requested: vault))
            refusal.servesOtherVault = true
            return try connection.send(message: AgentReply<Completed>.failure(refusal))
        }
        try connection.send(message: AgentReply<Completed>.accepted)
        let upload = AgentUpload(connection: connection)
        let reply: AgentReply<Request.Response>
        do {
            let response = try request.run(in: session, streams: RecordStreams(
                read: upload.read,
                write: { data in
                    var offset = data.startIndex
                    while offset < data.endIndex {
                        let end = min(offset + AgentFrame.contentLimit, data.endIndex)
                        try connection.send(AgentFrame(.content, data[offset..<end]))
                        offset = end
                    }
                }))
            if Request.content == .download { try connection.send(AgentFrame(.contentEnd)) }
            reply = .result(response)
        } catch {
            reply = .failure(failure(error))
        }
        try connection.send(message: reply)
    }

    /// Who the agent serves and for how much longer.
    public func status() -> AgentStatus {
        let left = max(.zero, idleTimeout - (ContinuousClock.now - lastRequest))
        let professional = session.professional
        return AgentStatus(holder: "\(professional.givenName) \(professional.surname)",
                           nationalID: professional.nationalID.rawValue, reader: reader, vault: session.vault.path,
                           socket: socketPath, processID: AgentFileSystem.processID, idleTimeout: Int(idleTimeout.components.seconds),
                           idleSecondsLeft: Int(left.components.seconds))
    }

    /// The message and exit status the command prints for `error`, as if it had run it itself.
    private func failure(_ error: any Error) -> AgentFailure {
        AgentFailure(message: "\(error)", status: exitStatus(error))
    }
}

/// Set from a signal handler's thread when SIGINT or SIGTERM arrives.
final class Interruption: Sendable {
    let flag = Mutex(false)
}
