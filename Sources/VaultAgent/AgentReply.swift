import Foundation

/// What the agent answers, `Result` being the response type of what was asked.
///
/// On the wire (docs/AGENT.md): `{"reply":"accepted"}` before record content moves,
/// `{"reply":"result","result":RESULT}` or `{"reply":"failure","failure":FAILURE}`.
public enum AgentReply<Result: Codable & Sendable>: Sendable {
    /// The request will run; record content may now move.
    case accepted
    case result(Result)
    case failure(AgentFailure)
}

extension AgentReply: Codable {
    private enum Key: String, CodingKey {
        case reply, result, failure
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        switch try container.decode(String.self, forKey: .reply) {
        case "accepted": self = .accepted
        case "result": self = .result(try container.decode(Result.self, forKey: .result))
        case "failure": self = .failure(try container.decode(AgentFailure.self, forKey: .failure))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .reply, in: container, debugDescription: "no reply \"\(other)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .accepted:
            try container.encode("accepted", forKey: .reply)
        case .result(let result):
            try container.encode("result", forKey: .reply)
            try container.encode(result, forKey: .result)
        case .failure(let failure):
            try container.encode("failure", forKey: .reply)
            try container.encode(failure, forKey: .failure)
        }
    }
}

/// A request that failed in the agent: the message the command prints and its exit status.
public struct AgentFailure: Error, Codable, Sendable, CustomStringConvertible {
    public var message: String
    public var status: Int32
    /// The agent serves another vault than the one asked for: the command may open its own session.
    public var servesOtherVault = false

    public init(message: String, status: Int32, servesOtherVault: Bool = false) {
        self.message = message
        self.status = status
        self.servesOtherVault = servesOtherVault
    }

    public var description: String { message }
}

/// The response of a request that only succeeds or fails.
public struct Completed: Codable, Sendable {
    public init() {}
}

/// What `cpsvault agent status` shows.
public struct AgentStatus: Codable, Sendable {
    public var holder: String
    public var nationalID: String
    public var reader: String
    public var vault: String
    public var socket: String
    public var processID: Int32
    public var idleTimeout: Int
    public var idleSecondsLeft: Int
}
