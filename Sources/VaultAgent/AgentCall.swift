import Foundation

/// What a client asks the agent: the first message of every connection, and the only one the
/// client sends (record content aside).
///
/// On the wire (docs/AGENT.md): `{"version":2,"call":"status"}`, `{"version":2,"call":"stop"}`,
/// or `{"version":2,"call":"run","request":NAME,"vault":VAULT,"body":REQUEST}` where NAME is one
/// of `AgentVocabulary.requests` and REQUEST that request's fields. A call of another version, or
/// naming a request the agent does not know, is refused with `AgentError`.
public enum AgentCall: Sendable {
    /// Who the agent serves and for how much longer; answered with an `AgentStatus`.
    case status
    /// End the agent; answered with `Completed` before it stops.
    case stop
    /// Run `request` in the agent's session, if the agent serves the vault at `vault`.
    case run(any AgentRequest, vault: String)

    /// The protocol version this build speaks; a change of frame layout, call or reply shape, or
    /// of a request's fields or response, makes a new one.
    public static let protocolVersion = 2
}

extension AgentCall: Codable {
    private enum Key: String, CodingKey {
        case version, call, request, vault, body
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == Self.protocolVersion else { throw AgentError.unsupportedVersion(version) }
        switch try container.decode(String.self, forKey: .call) {
        case "status":
            self = .status
        case "stop":
            self = .stop
        case "run":
            let name = try container.decode(String.self, forKey: .request)
            guard let type = AgentVocabulary.request(named: name) else { throw AgentError.unknownRequest(name) }
            self = .run(try container.decode(type, forKey: .body), vault: try container.decode(String.self, forKey: .vault))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .call, in: container, debugDescription: "no call \"\(other)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(Self.protocolVersion, forKey: .version)
        switch self {
        case .status:
            try container.encode("status", forKey: .call)
        case .stop:
            try container.encode("stop", forKey: .call)
        case .run(let request, let vault):
            try container.encode("run", forKey: .call)
            try container.encode(type(of: request).name, forKey: .request)
            try container.encode(vault, forKey: .vault)
            try container.encode(request, forKey: .body)
        }
    }
}
