import Foundation

/// The cpsvault agent's protocol on its Unix socket, one exchange per connection.
///
/// Every frame is a kind byte, a 4-byte big-endian length and that many bytes. The client sends
/// an `AgentCall` message; for `run`, the agent answers `accepted` (or a failure) before any
/// content moves. Record content then travels as `content` frames of at most 64 KiB closed by
/// an empty `contentEnd` frame (client to agent for `addRecord`, agent to client for
/// `readRecord`), and the agent ends with an `AgentReply` message. Content that stops without
/// its end frame is an error, so a dropped client never leaves a truncated record. No frame ever
/// carries a PIN.
enum AgentFrame {
    enum Kind: UInt8 {
        case message = 1
        case content = 2
        case contentEnd = 3
    }

    /// The largest content frame: one record segment.
    static let contentLimit = 64 * 1024
    /// The largest message: a request is small, a reply (an audit listing) may be large.
    static let messageLimit = 256 * 1024 * 1024

    static func send(_ kind: Kind, _ payload: Data, on socket: AgentSocket) throws(AgentError) {
        var header = Data([kind.rawValue])
        withUnsafeBytes(of: UInt32(payload.count).bigEndian) { header.append(contentsOf: $0) }
        try socket.send(header + payload)
    }

    /// The next frame, or nil when the peer closed the connection between frames.
    static func receive(on socket: AgentSocket, limit: Int = messageLimit) throws(AgentError) -> (Kind, Data)? {
        guard let header = try socket.receive(exactly: 5) else { return nil }
        guard let kind = Kind(rawValue: header[header.startIndex]) else {
            throw .protocolViolation("unknown frame kind \(header[header.startIndex])")
        }
        let length = header.dropFirst().reduce(0) { $0 << 8 | Int($1) }
        guard length <= limit else { throw .protocolViolation("a frame of \(length) bytes, more than the \(limit) allowed") }
        guard length > 0 else { return (kind, Data()) }
        guard let payload = try socket.receive(exactly: length) else {
            throw .connectionLost("the other end closed the connection in the middle of a message")
        }
        return (kind, payload)
    }

    static func send(message: some Encodable, on socket: AgentSocket) throws(AgentError) {
        let data: Data
        do {
            data = try encoder.encode(message)
        } catch {
            throw .protocolViolation("a message could not be encoded (\(error))")
        }
        try send(.message, data, on: socket)
    }

    static func receiveMessage<Message: Decodable>(_ type: Message.Type, on socket: AgentSocket,
                                                   limit: Int = messageLimit) throws(AgentError) -> Message {
        guard let (kind, payload) = try receive(on: socket, limit: limit) else {
            throw .connectionLost("the connection closed before the answer")
        }
        guard kind == .message else { throw .protocolViolation("record content where a message was expected") }
        do {
            return try decoder.decode(Message.self, from: payload)
        } catch {
            throw .protocolViolation("a message could not be decoded (\(error))")
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// What a client asks the agent.
enum AgentCall: Codable, Sendable {
    /// Run `operation` in the agent's session, if the agent serves the vault at `vault`.
    case run(VaultOperation, vault: String)
    case status
    case stop
}

/// What the agent answers.
enum AgentReply: Codable, Sendable {
    /// The operation will run; record content may now move.
    case accepted
    /// The operation's result, JSON-encoded as the command prints it.
    case result(Data)
    case failure(AgentFailure)
    case status(AgentStatus)
    case stopping
}

/// An operation that failed in the agent: the message the command prints and its exit status.
struct AgentFailure: Error, Codable, Sendable, CustomStringConvertible {
    var message: String
    var status: Int32
    /// The agent serves another vault than the one asked for: the command may open its own session.
    var servesOtherVault = false

    var description: String { message }
}

/// What `cpsvault agent status` shows.
struct AgentStatus: Codable, Sendable {
    var holder: String
    var nationalID: String
    var reader: String
    var vault: String
    var socket: String
    var processID: Int32
    var idleTimeout: Int
    var idleSecondsLeft: Int
}

/// What went wrong between a command and the cpsvault agent, with what to do.
enum AgentError: Error, CustomStringConvertible {
    case noAgent(path: String, reason: String)
    case otherOwner(path: String, userID: UInt32)
    case unsafeFolder(path: String, reason: String)
    case alreadyRunning(path: String)
    case alreadyServing(socket: String, reader: String)
    case socketPathTooLong(path: String, limit: Int)
    case noSocketPath
    case otherVault(agent: String, requested: String)
    case connectionLost(String)
    case protocolViolation(String)
    case system(call: String, errno: Int32)

    var description: String {
        switch self {
        case .noAgent(let path, let reason):
            "No cpsvault agent answers at \(path) (\(reason)): it ends when its card leaves the reader, after its idle timeout, or with `cpsvault agent stop`. Start one with `cpsvault agent start`, or run the command without --agent."
        case .otherOwner(let path, let userID):
            "The socket \(path) is served by user \(userID), not by you: nothing was sent to it. Check --agent and $CPSVAULT_AGENT."
        case .unsafeFolder(let path, let reason):
            "The agent's socket folder \(path) cannot be used: \(reason). Remove it, or choose another place with --socket."
        case .alreadyRunning(let path):
            "A cpsvault agent already answers at \(path): use it, or stop it with `cpsvault agent stop --socket \(path)`."
        case .alreadyServing(let socket, let reader):
            "A cpsvault agent already serves the card in \(reader) for this vault, at \(socket): use it (CPSVAULT_AGENT=\(socket)), or stop it with `cpsvault agent stop --socket \(socket)`; no PIN was asked."
        case .socketPathTooLong(let path, let limit):
            "The socket path \(path) is longer than the \(limit) bytes a Unix socket allows: choose a shorter one with --socket."
        case .noSocketPath:
            "No agent socket named: give --socket, or set $CPSVAULT_AGENT (as `cpsvault agent start` prints it)."
        case .otherVault(let agent, let requested):
            "The cpsvault agent serves the vault \(agent), not \(requested): name that vault, or run the command without --agent."
        case .connectionLost(let reason):
            "The connection to the cpsvault agent was lost (\(reason)): nothing more was done; check the vault with `cpsvault record list` before trying again."
        case .protocolViolation(let reason):
            "The cpsvault agent and this command do not understand each other (\(reason)): use the same cpsvault version for both."
        case .system(let call, let errno):
            "\(call) failed: \(String(cString: strerror(errno)))."
        }
    }
}
