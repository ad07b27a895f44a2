import Foundation

/// A command's side of the cpsvault agent: sends a request, streams record content, and
/// returns the typed response, or the agent's failure to report as the command's own.
public struct AgentClient: Sendable {
    public let path: String
    /// Named with `--agent`: an agent that does not answer is an error, not a reason to ask for the PIN.
    public let required: Bool

    public init(path: String, required: Bool) {
        self.path = path
        self.required = required
    }

    /// The agent named by `--agent`, else `$CPSVAULT_AGENT`; nil when neither names one.
    public static func named(explicitly path: String?) -> AgentClient? {
        if let path { return AgentClient(path: path, required: true) }
        guard let path = ProcessInfo.processInfo.environment["CPSVAULT_AGENT"], !path.isEmpty else { return nil }
        return AgentClient(path: path, required: false)
    }

    /// The agent that `agent status` and `agent stop` talk to: `socket`, else
    /// `$CPSVAULT_AGENT`, else the default socket; it must answer.
    public static func control(socket: String?) -> AgentClient {
        let environment = ProcessInfo.processInfo.environment["CPSVAULT_AGENT"].flatMap { $0.isEmpty ? nil : $0 }
        return AgentClient(path: socket ?? environment ?? AgentSocketPlace.defaultPath(), required: true)
    }

    /// Connects, and checks that the agent runs as this user.
    func connect() throws(AgentError) -> AgentSocket {
        let socket = try AgentSocket.connect(to: path)
        let owner = try socket.peerUserID()
        guard owner == AgentFileSystem.userID else { throw .otherOwner(path: path, userID: owner) }
        return socket
    }

    /// Runs `request` in the agent's session; nil when no agent serves this vault and the
    /// command may open its own session (the agent was not required). Record content comes from
    /// `input` (an upload) or goes to `output` (a download).
    public func perform<Request: AgentRequest>(_ request: Request, vault: String,
                                               input: FileHandle?, output: FileHandle?) throws -> Request.Response? {
        let socket: AgentSocket
        switch Result(catching: { () throws(AgentError) -> AgentSocket in try connect() }) {
        case .success(let connected): socket = connected
        case .failure(.noAgent) where !required: return nil
        case .failure(let error): throw error
        }
        try socket.send(message: AgentCall.run(request, vault: vault))
        switch try socket.receiveMessage(AgentReply<Completed>.self) {
        case .accepted: break
        case .failure(let failure) where failure.servesOtherVault && !required: return nil
        case .failure(let failure): throw failure
        case .result: throw AgentError.protocolViolation("a result before the request was accepted")
        }
        if Request.content == .upload, let input { try upload(input, on: socket) }
        while true {
            guard let frame = try socket.receiveFrame() else {
                throw AgentError.connectionLost("the agent closed the connection before its answer")
            }
            switch frame.kind {
            case .content:
                guard let output else { throw AgentError.protocolViolation("record content with nowhere to write it") }
                try output.write(contentsOf: frame.payload)
            case .contentEnd:
                continue
            case .message:
                switch try AgentMessage.decode(AgentReply<Request.Response>.self, from: frame) {
                case .result(let response): return response
                case .failure(let failure): throw failure
                case .accepted: throw AgentError.protocolViolation("a second acceptance of one request")
                }
            }
        }
    }

    /// Who the agent serves and for how much longer.
    public func status() throws -> AgentStatus {
        try control(.status, answeredWith: AgentStatus.self)
    }

    /// Asks the agent to stop; returns once it has agreed.
    public func stop() throws {
        _ = try control(.stop, answeredWith: Completed.self)
    }

    private func control<Response: Codable & Sendable>(_ call: AgentCall, answeredWith: Response.Type) throws -> Response {
        let socket = try connect()
        try socket.send(message: call)
        switch try socket.receiveMessage(AgentReply<Response>.self) {
        case .result(let response): return response
        case .failure(let failure): throw failure
        case .accepted: throw AgentError.protocolViolation("an unexpected answer to \(call.name)")
        }
    }

    /// Sends `input` as content frames and the end frame. When the agent stops reading (it
    /// refused the request), sending stops and its answer is read.
    private func upload(_ input: FileHandle, on socket: AgentSocket) throws {
        do {
            while let chunk = try input.read(upToCount: AgentFrame.contentLimit), !chunk.isEmpty {
                try socket.send(AgentFrame(.content, chunk))
            }
            try socket.send(AgentFrame(.contentEnd))
        } catch AgentError.connectionLost {
            return
        }
    }
}

extension AgentCall {
    /// The call's name, for messages (never a request's fields, which may identify a patient).
    var name: String {
        switch self {
        case .status: "status"
        case .stop: "stop"
        case .run(let request, _): type(of: request).name
        }
    }
}
