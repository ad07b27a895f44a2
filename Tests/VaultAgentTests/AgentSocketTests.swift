import Foundation
import Testing
@testable import VaultAgent

/// The socket's place and the frames over a real Unix socket, in a private temporary folder.
@Suite("The agent's socket")
struct AgentSocketTests {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("agent-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
    }

    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("the folder is made 0700 and the socket 0600, and the peer is this user")
    func ownerOnly() throws {
        let path = "\(root)/run/agent.sock"
        try AgentSocketPlace.prepare(path)
        let listener = try AgentSocket.listen(at: path)
        #expect(try mode("\(root)/run") == 0o700)
        #expect(try mode(path) == 0o600)
        let client = try AgentSocket.connect(to: path)
        let served = try listener.accept()
        #expect(try served.peerUserID() == getuid())
        #expect(try client.peerUserID() == getuid())
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test("a folder others may enter is refused; a live socket is not replaced; a stale one is")
    func placeChecks() throws {
        let open = "\(root)/open"
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o755])
        #expect {
            try AgentSocketPlace.prepare("\(open)/agent.sock")
        } throws: { error in
            "\(error)".contains("its mode 755 lets other users in; it must be 700")
        }

        let path = "\(root)/agent.sock"
        var listener: AgentSocket? = try AgentSocket.listen(at: path)
        #expect {
            try AgentSocketPlace.prepare(path)
        } throws: { error in
            guard case AgentError.alreadyRunning = error else { return false }
            return true
        }
        withExtendedLifetime(listener) {}
        listener = nil
        // Nobody listens any more: the socket file left behind is stale and goes.
        try AgentSocketPlace.prepare(path)
        #expect(!FileManager.default.fileExists(atPath: path))
        try? FileManager.default.removeItem(atPath: root)
    }

    @Test("frames cross the socket whole; a peer that stops mid-frame is a lost connection")
    func framesOverTheSocket() throws {
        let path = "\(root)/agent.sock"
        let listener = try AgentSocket.listen(at: path)
        var client: AgentSocket? = try AgentSocket.connect(to: path)
        let served = try listener.accept()
        try client?.send(message: AgentCall.status)
        try client?.send(AgentFrame(.content, Data(repeating: 9, count: AgentFrame.contentLimit)))
        guard case .status = try served.receiveMessage(AgentCall.self, messageLimit: AgentFrame.callLimit) else {
            Issue.record("not the status call")
            return
        }
        #expect(try served.receiveFrame()?.payload.count == AgentFrame.contentLimit)

        try client?.send(AgentFrame(.message, Data("{}".utf8)).encoded.prefix(4))
        client = nil  // closes the connection, four bytes into a header
        #expect {
            try served.receiveFrame()
        } throws: { error in
            guard case AgentError.connectionLost(let reason) = error else { return false }
            return reason.contains("in the middle of a message")
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}
