import Foundation

/// What went wrong between a command and the cpsvault agent, with what to do.
public enum AgentError: Error, Sendable, CustomStringConvertible {
    case noAgent(path: String, reason: String)
    case otherOwner(path: String, userID: UInt32)
    case unsafeFolder(path: String, reason: String)
    case alreadyRunning(path: String)
    /// Another agent already serves this card's reader for this vault, at `socket`.
    case alreadyServing(socket: String, reader: String)
    case socketPathTooLong(path: String, limit: Int)
    case noSocketPath
    case otherVault(agent: String, requested: String)
    case connectionLost(String)
    /// A frame header names a kind the protocol does not have.
    case unknownFrameKind(UInt8)
    /// A frame header announces more bytes than its kind may carry here.
    case oversizedFrame(kind: AgentFrame.Kind, length: Int, limit: Int)
    /// The bytes stopped in the middle of a frame.
    case truncatedFrame(missing: Int)
    /// The peer speaks another version of the protocol.
    case unsupportedVersion(Int)
    /// A call names a request the agent does not know.
    case unknownRequest(String)
    case protocolViolation(String)
    case system(call: String, errno: Int32)

    public var description: String {
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
        case .unknownFrameKind(let kind):
            Self.misunderstanding("unknown frame kind \(kind)")
        case .oversizedFrame(let kind, let length, let limit):
            Self.misunderstanding("a \(kind) frame of \(length) bytes, more than the \(limit) allowed")
        case .truncatedFrame(let missing):
            Self.misunderstanding("the bytes stopped at least \(missing) bytes short of the end of a frame")
        case .unsupportedVersion(let version):
            Self.misunderstanding("protocol version \(version), where this one speaks \(AgentCall.protocolVersion)")
        case .unknownRequest(let name):
            Self.misunderstanding("an unknown request \"\(name)\"")
        case .protocolViolation(let reason):
            Self.misunderstanding(reason)
        case .system(let call, let errno):
            "\(call) failed: \(AgentFileSystem.explain(errno))."
        }
    }

    private static func misunderstanding(_ reason: String) -> String {
        "The cpsvault agent and this command do not understand each other (\(reason)): use the same cpsvault version for both."
    }
}
