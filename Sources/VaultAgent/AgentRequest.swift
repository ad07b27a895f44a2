import Foundation
import VaultCore

/// The vault work of one command, as a value with its response type: run in a session the
/// command opens itself, or sent to the cpsvault agent and run in the agent's session. Never
/// holds a PIN or a key; record content travels beside it (`RecordStreams`), not in it.
///
/// Each request is one entry of `AgentVocabulary.requests`, known on the wire by `name`.
public protocol AgentRequest: Codable, Sendable {
    associatedtype Response: Codable & Sendable

    /// The request's name on the wire; stable for a protocol version.
    static var name: String { get }
    /// Which way record content moves while the request runs.
    static var content: RecordContentFlow { get }

    /// Does the work in `session`, reading or writing record content through `streams`.
    func run(in session: VaultSession, streams: RecordStreams) throws -> Response
}

extension AgentRequest {
    public static var content: RecordContentFlow { .none }

    /// Runs the request in a session of the command's own, then has the card sign the audit
    /// head if something is unsigned (also after a failure, so refusals are covered). The agent
    /// runs requests without this and signs as its `CheckpointSchedule` says.
    public func execute(in session: VaultSession, streams: RecordStreams) throws -> Response {
        try session.auditTrail.signingAuditHead { try run(in: session, streams: streams) }
    }
}

/// Which way record content moves during a request: to the agent (`upload`, as `record add`
/// reads it), from the agent (`download`, as `record get` writes it), or not at all.
public enum RecordContentFlow: Sendable {
    case none, upload, download
}

/// Where record content comes from (an upload) and goes to (a download): the command's files,
/// or the agent's socket.
public struct RecordStreams {
    /// Returns at most the number of bytes asked for; empty data at the end.
    public var read: (Int) throws -> Data
    /// Takes the next authenticated piece of plaintext.
    public var write: (Data) throws -> Void

    public init(read: @escaping (Int) throws -> Data, write: @escaping (Data) throws -> Void) {
        self.read = read
        self.write = write
    }

    /// Content from `input` and to `output`; a request that needs one not given gets nothing
    /// to read, or has nowhere to write and fails.
    public static func files(input: FileHandle?, output: FileHandle?) -> RecordStreams {
        RecordStreams(
            read: { count in try input?.read(upToCount: count) ?? Data() },
            write: { data in
                guard let output else { throw AgentError.protocolViolation("record content with nowhere to write it") }
                try output.write(contentsOf: data)
            })
    }
}
