import Foundation

/// A command's side of the cpsvault agent: sends an operation, streams record content, and
/// returns the result, or the agent's failure to report as the command's own.
struct AgentClient {
    let path: String
    /// Named with `--agent`: an agent that does not answer is an error, not a reason to ask for the PIN.
    let required: Bool

    /// The agent named by `--agent`, else `$CPSVAULT_AGENT`; nil when neither names one.
    static func named(explicitly path: String?) -> AgentClient? {
        if let path { return AgentClient(path: path, required: true) }
        guard let path = ProcessInfo.processInfo.environment["CPSVAULT_AGENT"], !path.isEmpty else { return nil }
        return AgentClient(path: path, required: false)
    }

    /// Connects, and checks that the agent runs as this user.
    func connect() throws(AgentError) -> AgentSocket {
        let socket = try AgentSocket.connect(to: path)
        let owner = try socket.peerUserID()
        guard owner == AgentFileSystem.userID else { throw .otherOwner(path: path, userID: owner) }
        return socket
    }

    /// Runs `operation` in the agent's session; nil when no agent serves this vault and the
    /// command may open its own session (the agent was not required).
    func perform(_ operation: VaultOperation, vault: String, input: FileHandle?, output: FileHandle?) throws -> Data? {
        let socket: AgentSocket
        switch Result(catching: { () throws(AgentError) -> AgentSocket in try connect() }) {
        case .success(let connected): socket = connected
        case .failure(.noAgent) where !required: return nil
        case .failure(let error): throw error
        }
        try AgentFrame.send(message: AgentCall.run(operation, vault: vault), on: socket)
        switch try AgentFrame.receiveMessage(AgentReply.self, on: socket) {
        case .accepted: break
        case .failure(let failure) where failure.servesOtherVault && !required: return nil
        case .failure(let failure): throw failure
        default: throw AgentError.protocolViolation("an unexpected answer to a request")
        }
        if case .addRecord = operation, let input { try upload(input, on: socket) }
        while true {
            guard let (kind, payload) = try AgentFrame.receive(on: socket) else {
                throw AgentError.connectionLost("the agent closed the connection before its answer")
            }
            switch kind {
            case .content:
                guard let output else { throw AgentError.protocolViolation("record content with nowhere to write it") }
                try output.write(contentsOf: payload)
            case .contentEnd:
                continue
            case .message:
                let reply: AgentReply
                do {
                    reply = try AgentFrame.decoder.decode(AgentReply.self, from: payload)
                } catch {
                    throw AgentError.protocolViolation("an answer could not be decoded (\(error))")
                }
                switch reply {
                case .result(let data): return data
                case .failure(let failure): throw failure
                default: throw AgentError.protocolViolation("an unexpected answer to a request")
                }
            }
        }
    }

    /// Asks for the agent's status, or asks it to stop.
    func call(_ call: AgentCall) throws -> AgentReply {
        let socket = try connect()
        try AgentFrame.send(message: call, on: socket)
        return try AgentFrame.receiveMessage(AgentReply.self, on: socket)
    }

    /// Sends `input` as content frames and the end frame. When the agent stops reading (it
    /// refused the operation), sending stops and its answer is read.
    private func upload(_ input: FileHandle, on socket: AgentSocket) throws {
        do {
            while let chunk = try input.read(upToCount: AgentFrame.contentLimit), !chunk.isEmpty {
                try AgentFrame.send(.content, chunk, on: socket)
            }
            try AgentFrame.send(.contentEnd, Data(), on: socket)
        } catch AgentError.connectionLost {
            return
        }
    }
}
