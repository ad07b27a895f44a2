import Foundation
import Synchronization
import VaultCore

/// The cpsvault agent: one card session served on an owner-only Unix socket, one connection at a
/// time, until the card leaves, the idle timeout passes without a request, `stop` is asked, or
/// the process gets SIGINT or SIGTERM. Only connections from the agent's own user are served.
final class AgentServer {
    /// Why the agent stopped serving.
    enum Ending: Equatable {
        case cardLeft, idle, stopped, signalled

        var explanation: String {
            switch self {
            case .cardLeft: "the card left the reader, or pcscd stopped"
            case .idle: "no request within the idle timeout"
            case .stopped: "`cpsvault agent stop` was asked"
            case .signalled: "the agent was interrupted"
            }
        }
    }

    let session: VaultSession
    let reader: String
    let socketPath: String
    let idleTimeout: Duration
    private let listener: AgentSocket
    private let wake: WakePipe
    private let interrupted = Interruption()
    private var lastRequest = ContinuousClock.now

    /// Listens at `socketPath` (its folder checked or made owner-only, a stale socket replaced).
    init(session: VaultSession, reader: String, socketPath: String, idleTimeout: Duration) throws {
        self.session = session
        self.reader = reader
        self.socketPath = socketPath
        self.idleTimeout = idleTimeout
        try AgentSocketPlace.prepare(socketPath)
        listener = try AgentSocket.listen(at: socketPath)
        wake = try WakePipe()
    }

    /// Serves until the session ends, the agent idles out or is stopped; then ends the session
    /// (its keys wiped) and removes the socket.
    func serve() -> Ending {
        defer {
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
        defer { signals.forEach { $0.cancel() } }
        while true {
            if interrupted.flag.withLock({ $0 }) { return .signalled }
            guard session.isOpen else { return .cardLeft }
            let left = idleTimeout - (ContinuousClock.now - lastRequest)
            guard left > .zero else { return .idle }
            let milliseconds = Int32(clamping: (left.components.seconds * 1000) + (left.components.attoseconds / 1_000_000_000_000_000) + 1)
            let ready = listener.waitForConnection(orWake: wake.readEnd, milliseconds: milliseconds)
            if ready.wake { wake.drain() }
            guard ready.connection, let connection = try? listener.accept() else { continue }
            if handle(connection) { return .stopped }
        }
    }

    /// Serves one connection; true when it asked the agent to stop.
    private func handle(_ connection: AgentSocket) -> Bool {
        guard let peer = try? connection.peerUserID(), peer == AgentFileSystem.userID else {
            // Another user: nothing read, nothing answered, not counted as activity.
            return false
        }
        do {
            connection.setReceiveTimeout(seconds: 10)
            let call = try AgentFrame.receiveMessage(AgentCall.self, on: connection, limit: 16 * 1024 * 1024)
            connection.setReceiveTimeout(seconds: nil)
            switch call {
            case .status:
                try AgentFrame.send(message: AgentReply.status(status()), on: connection)
            case .stop:
                try AgentFrame.send(message: AgentReply.stopping, on: connection)
                return true
            case .run(let operation, let vault):
                // Only vault work keeps the agent alive: polling its status does not.
                defer { lastRequest = .now }
                try run(operation, forVault: vault, on: connection)
            }
        } catch {
            // The client went away or spoke nonsense: nothing more to tell it.
        }
        return false
    }

    private func run(_ operation: VaultOperation, forVault vault: String, on connection: AgentSocket) throws {
        guard session.isOpen else {
            return try AgentFrame.send(message: AgentReply.failure(Self.failure(VaultError.sessionEnded)), on: connection)
        }
        guard AgentSocketPlace.sameFile(vault, session.vault.path) else {
            let refusal = AgentError.otherVault(agent: session.vault.path, requested: vault)
            var failure = Self.failure(refusal)
            failure.servesOtherVault = true
            return try AgentFrame.send(message: AgentReply.failure(failure), on: connection)
        }
        try AgentFrame.send(message: AgentReply.accepted, on: connection)
        let upload = AgentUpload(connection: connection)
        let reply: AgentReply
        do {
            let result = try operation.execute(in: session, streams: RecordStreams(
                read: upload.read,
                write: { data in
                    var offset = data.startIndex
                    while offset < data.endIndex {
                        let end = min(offset + AgentFrame.contentLimit, data.endIndex)
                        try AgentFrame.send(.content, data[offset..<end], on: connection)
                        offset = end
                    }
                }))
            if case .readRecord = operation { try AgentFrame.send(.contentEnd, Data(), on: connection) }
            reply = .result(try AgentFrame.encoder.encode(result))
        } catch {
            reply = .failure(Self.failure(error))
        }
        try AgentFrame.send(message: reply, on: connection)
    }

    /// Who the agent serves and for how much longer.
    func status() -> AgentStatus {
        let left = max(.zero, idleTimeout - (ContinuousClock.now - lastRequest))
        let professional = session.professional
        return AgentStatus(holder: "\(professional.givenName) \(professional.surname)",
                           nationalID: professional.nationalID.rawValue, reader: reader, vault: session.vault.path,
                           socket: socketPath, processID: getpid(), idleTimeout: Int(idleTimeout.components.seconds),
                           idleSecondsLeft: Int(left.components.seconds))
    }

    /// The message and exit status the command prints for `error`, as if it had run it itself.
    static func failure(_ error: any Error) -> AgentFailure {
        AgentFailure(message: "\(error)", status: ExitStatus(for: error).rawValue)
    }
}

/// Set from a signal handler's thread when SIGINT or SIGTERM arrives.
final class Interruption: Sendable {
    let flag = Mutex(false)
}

/// Record content arriving from the client in frames, read as `addRecord` asks for it; content
/// that ends without its end frame throws, so the record is not written.
final class AgentUpload {
    private let connection: AgentSocket
    private var buffered = Data()
    private var ended = false

    init(connection: AgentSocket) {
        self.connection = connection
    }

    func read(upTo count: Int) throws -> Data {
        while buffered.isEmpty && !ended {
            guard let (kind, payload) = try AgentFrame.receive(on: connection, limit: AgentFrame.contentLimit) else {
                throw AgentError.connectionLost("the record content stopped before its end: nothing was written")
            }
            switch kind {
            case .content: buffered = payload
            case .contentEnd: ended = true
            case .message: throw AgentError.protocolViolation("a message in the middle of record content")
            }
        }
        let piece = buffered.prefix(count)
        buffered = buffered.dropFirst(piece.count)
        return Data(piece)
    }
}

/// Where the agent's socket lives: `--socket`, else `$XDG_RUNTIME_DIR/cpsvault/agent.sock`,
/// else `/tmp/cpsvault-$UID/agent.sock`, in a folder only its owner can enter.
enum AgentSocketPlace {
    static func defaultPath() -> String {
        if let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return "\(runtime)/cpsvault/agent.sock"
        }
        return "/tmp/cpsvault-\(AgentFileSystem.userID)/agent.sock"
    }

    /// Makes the socket's folder owner-only if it is missing, refuses one that someone else owns or
    /// that others may enter, refuses to replace a socket an agent answers on, and removes a stale one.
    static func prepare(_ path: String) throws(AgentError) {
        let folder = (path as NSString).deletingLastPathComponent
        try prepareFolder(folder)
        guard let existing = try AgentFileSystem.status(of: path) else { return }
        guard existing.isSocket else { throw .unsafeFolder(path: folder, reason: "\(path) exists and is not a socket") }
        if (try? AgentSocket.connect(to: path)) != nil { throw .alreadyRunning(path: path) }
        AgentFileSystem.remove(path)
    }

    /// Makes `folder` owner-only if it is missing; refuses one that someone else owns or that
    /// others may enter.
    static func prepareFolder(_ folder: String) throws(AgentError) {
        if try AgentFileSystem.status(of: folder) == nil { try AgentFileSystem.makeFolder(folder) }
        guard let info = try AgentFileSystem.status(of: folder) else {
            throw .unsafeFolder(path: folder, reason: "it could not be made")
        }
        guard info.isDirectory else { throw .unsafeFolder(path: folder, reason: "it is not a folder (or is a symbolic link)") }
        guard info.owner == AgentFileSystem.userID else {
            throw .unsafeFolder(path: folder, reason: "it belongs to user \(info.owner), not to you")
        }
        guard info.mode & 0o077 == 0 else {
            throw .unsafeFolder(path: folder, reason: "its mode \(String(info.mode, radix: 8)) lets other users in; it must be 700")
        }
    }

    /// Whether two places name the same vault (so `./vault.sqlite` and its full path match).
    static func sameFile(_ first: String, _ second: String) -> Bool {
        (try? VaultLocation(first).description) == (try? VaultLocation(second).description)
    }
}
