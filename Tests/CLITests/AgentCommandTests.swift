import CardStackTesting
import Foundation
import Synchronization
import Testing

extension SimulatorProcessSlot {
    /// `cpsvault agent` through the real card stack: commands run in its session without a PIN,
    /// and it ends, removing its socket, when the card leaves or it idles out.
    @Suite("cpsvault agent", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
    struct AgentCommandTests {
        let stack: CardStack
        let slot = TestSlot.simulatorProcess
        let configuration: URL
        let folder: URL
        let vault: String
        let socket: String

        /// A vault made by admin-1 with physician-1 enrolled, and physician-1's card in the slot.
        init() throws {
            stack = try CardStack()
            stack.empty(slot)
            configuration = try TestPKI.configurationFile()
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("agent-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            vault = folder.appendingPathComponent("vault.sqlite").path
            socket = folder.appendingPathComponent("run/agent.sock").path
            try stack.insert(.admin1, into: slot)
            let created = try cpsvaultWithPIN(["init"])
            try #require(created.status == 0, "\(created.errorOutput)")
            let enrolled = try cpsvaultWithPIN(["professional", "enrol", "--certificate", TestCard.physician1.authenticationCertificate.path])
            try #require(enrolled.status == 0, "\(enrolled.errorOutput)")
            try stack.remove(from: slot)
            try stack.insert(.physician1, into: slot)
        }

        private func cpsvaultWithPIN(_ arguments: [String]) throws -> CommandResult {
            try Command.run(Command.product("cpsvault"), arguments + [
                "--config", configuration.path, "--reader", slot.readerName, "--vault", vault, "--pin-fd", "3"],
                input: Data("1234\n".utf8), inputOnDescriptor3: true)
        }

        /// Runs a command through the agent: no reader, no PIN.
        private func throughAgent(_ arguments: [String], input: Data = Data(),
                                  environment: [String: String] = [:], agentOption: Bool = true) throws -> CommandResult {
            try Command.run(Command.product("cpsvault"),
                            arguments + ["--config", configuration.path, "--vault", vault] + (agentOption ? ["--agent", socket] : []),
                            environment: environment, input: input)
        }

        private static let identity = Data("""
            {"familyName": "Durand", "givenNames": "Alice", "birthDate": "1984-03-12", "sex": "F",
             "ins": "284037512345640", "address": "12 rue de la Paix, 75002 Paris"}
            """.utf8)

        @Test("patient create, record add and record get run in the agent's session without a PIN")
        func commandsThroughTheAgent() throws {
            let agent = try RunningAgent.start(socket: socket, arguments: [
                "--config", configuration.path, "--reader", slot.readerName, "--vault", vault])
            defer { agent.stop() }
            #expect(agent.started["holder"] as? String != nil)
            #expect(FileManager.default.fileExists(atPath: socket))
            let mode = try FileManager.default.attributesOfItem(atPath: socket)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let folderMode = try FileManager.default.attributesOfItem(atPath: (socket as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
            #expect(folderMode == 0o700)

            let created = try throughAgent(["patient", "create", "--hosting-consent", "signed form", "-", "--json"], input: Self.identity)
            #expect(created.status == 0, "\(created.errorOutput)")
            let patient = try #require(try JSONSerialization.jsonObject(with: created.outputData) as? [String: String])["patientID"] ?? ""

            // Several segments and several frames: 200 KiB and a bit.
            let content = Data((0..<(200 * 1024 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            let added = try throughAgent(["record", "add", patient, "--type", "application/octet-stream", "-", "--json"], input: content)
            #expect(added.status == 0, "\(added.errorOutput)")
            let summary = try #require(try JSONSerialization.jsonObject(with: added.outputData) as? [String: Any])
            let record = try #require(summary["recordID"] as? String)
            #expect(summary["size"] as? Int == content.count)

            let read = try throughAgent(["record", "get", patient, record])
            #expect(read.status == 0, "\(read.errorOutput)")
            #expect(read.outputData == content)

            let file = folder.appendingPathComponent("out.bin")
            let saved = try throughAgent(["record", "get", patient, record, "--output", file.path])
            #expect(saved.status == 0, "\(saved.errorOutput)")
            #expect(try Data(contentsOf: file) == content)

            // Through $CPSVAULT_AGENT as well, and a refusal carries its own exit status.
            let listed = try throughAgent(["record", "list", patient, "--json"], environment: ["CPSVAULT_AGENT": socket], agentOption: false)
            #expect(listed.status == 0, "\(listed.errorOutput)")
            #expect(listed.output.contains(record))
            let missing = try throughAgent(["record", "get", patient, String(repeating: "0", count: 32)])
            #expect(missing.status == 55)
            #expect(missing.errorOutput.contains("No such record"))

            let status = try Command.run(Command.product("cpsvault"), ["agent", "status", "--socket", socket, "--json"])
            #expect(status.status == 0, "\(status.errorOutput)")
            let report = try #require(try JSONSerialization.jsonObject(with: status.outputData) as? [String: Any])
            #expect(report["reader"] as? String == slot.readerName)
            #expect((report["idleSecondsLeft"] as? Int ?? 0) > 800)

            let stopped = try Command.run(Command.product("cpsvault"), ["agent", "stop", "--socket", socket])
            #expect(stopped.status == 0, "\(stopped.errorOutput)")
            #expect(agent.waitForExit() == 0)
            #expect(!FileManager.default.fileExists(atPath: socket))
            #expect(!agent.errorOutput().contains("1234"))
        }

        @Test("consent given and withdrawn, the end of hosting and the audit that shows them run in the agent's session without a PIN")
        func careCommandsThroughTheAgent() throws {
            let agent = try RunningAgent.start(socket: socket, arguments: [
                "--config", configuration.path, "--reader", slot.readerName, "--vault", vault])
            defer { agent.stop() }
            let created = try throughAgent(["patient", "create", "--hosting-consent", "signed form", "-"], input: Self.identity)
            #expect(created.status == 0, "\(created.errorOutput)")
            let patient = created.output.trimmingCharacters(in: .whitespacesAndNewlines)

            let consent = try throughAgent(["consent", "record", patient, "--statement", "agreed at the desk"])
            #expect(consent.status == 0, "\(consent.errorOutput)")
            let withdrawn = try throughAgent(["consent", "withdraw", patient, "--statement", "changed their mind"])
            #expect(withdrawn.status == 0, "\(withdrawn.errorOutput)")
            let ended = try throughAgent(["patient", "end-hosting", patient, "--statement", "moved abroad"])
            #expect(ended.status == 0, "\(ended.errorOutput)")

            let audit = try throughAgent(["audit", "show", "--patient", patient, "--json"])
            #expect(audit.status == 0, "\(audit.errorOutput)")
            for action in ["consent.record", "consent.withdraw", "patient.end-hosting"] {
                #expect(audit.output.contains(action), "\(action) missing from \(audit.output)")
            }
        }

        @Test("pulling the card ends the agent: socket removed, later commands fail clearly")
        func cardRemovalEndsTheAgent() throws {
            let agent = try RunningAgent.start(socket: socket, arguments: [
                "--config", configuration.path, "--reader", slot.readerName, "--vault", vault])
            defer { agent.stop() }
            try stack.remove(from: slot)
            #expect(agent.waitForExit() == 0)
            #expect(agent.errorOutput().contains("the card left the reader"))
            #expect(!FileManager.default.fileExists(atPath: socket))

            let after = try throughAgent(["patient", "list"])
            #expect(after.status == 16)
            #expect(after.errorOutput.contains("No cpsvault agent answers at \(socket)"))
            // With only $CPSVAULT_AGENT the command opens its own session, and finds no card.
            let own = try Command.run(Command.product("cpsvault"), [
                "patient", "list", "--config", configuration.path, "--vault", vault, "--reader", slot.readerName, "--pin-fd", "3"],
                environment: ["CPSVAULT_AGENT": socket], input: Data("1234\n".utf8), inputOnDescriptor3: true)
            #expect(own.status == 12, "\(own.errorOutput)")
        }

        @Test("an idle timeout of one second ends the agent")
        func idleTimeout() throws {
            let agent = try RunningAgent.start(socket: socket, arguments: [
                "--config", configuration.path, "--reader", slot.readerName, "--vault", vault, "--idle-timeout", "1"])
            defer { agent.stop() }
            #expect(agent.waitForExit() == 0)
            #expect(agent.errorOutput().contains("no request within the idle timeout"))
            #expect(!FileManager.default.fileExists(atPath: socket))
        }

        @Test("a second agent on the same socket, or for the same card and vault, and a folder others may enter are refused before the PIN",
              .tags(.hardening))
        func refusedPlaces() throws {
            let agent = try RunningAgent.start(socket: socket, arguments: [
                "--config", configuration.path, "--reader", slot.readerName, "--vault", vault])
            defer { agent.stop() }
            let second = try cpsvaultWithPIN(["agent", "start", "--socket", socket])
            #expect(second.status == 16)
            #expect(second.errorOutput.contains("already answers"))
            let elsewhere = try cpsvaultWithPIN(["agent", "start", "--socket", folder.appendingPathComponent("other/agent.sock").path])
            #expect(elsewhere.status == 16, "\(elsewhere.errorOutput)")
            #expect(elsewhere.errorOutput.contains("already serves the card in \(slot.readerName) for this vault, at \(socket)"))

            let open = folder.appendingPathComponent("open")
            try FileManager.default.createDirectory(at: open, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            let unsafe = try cpsvaultWithPIN(["agent", "start", "--socket", open.appendingPathComponent("agent.sock").path])
            #expect(unsafe.status == 78)
            #expect(unsafe.errorOutput.contains("lets other users in"))
        }

        @Test("a connection from another user is refused by the agent", .tags(.hardening),
              .enabled(if: getuid() == 0, "needs root to run a client as another user"))
        func otherUserRefused() throws {
            let agent = try RunningAgent.start(socket: socket, arguments: [
                "--config", configuration.path, "--reader", slot.readerName, "--vault", vault])
            defer { agent.stop() }
            // The socket's folder keeps other users out; to reach the peer check, expose the same
            // socket through a hard link in an open folder, writable by all.
            let open = FileManager.default.temporaryDirectory.appendingPathComponent("agent-open-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: open, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            defer { try? FileManager.default.removeItem(at: open) }
            let exposed = open.appendingPathComponent("agent.sock").path
            try #require(link(socket, exposed) == 0)
            try #require(chmod(exposed, 0o666) == 0)

            // A raw client as nobody: the agent reads nothing and closes without an answer.
            // The agent may close before the request is even written: any socket error means closed.
            let frame = "import socket,struct,sys\ns=socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\nm=b'{\"call\":\"status\",\"version\":1}'\n"
                + "try:\n    s.sendall(bytes([1])+struct.pack('>I',len(m))+m)\n    d=s.recv(100)\nexcept OSError: d=b''\n"
                + "print('answered' if d else 'closed')\n"
            let raw = try Command.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                            "/usr/bin/python3", "-c", frame, exposed])
            #expect(raw.status == 0, "\(raw.errorOutput)")
            #expect(raw.output == "closed\n")

            // cpsvault as nobody refuses an agent that another user runs, before sending anything.
            let client = try Command.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                               Command.product("cpsvault"), "agent", "status", "--socket", exposed])
            #expect(client.status == 16, "\(client.errorOutput)")
            #expect(client.errorOutput.contains("served by user 0, not by you"))

            // The agent still serves its owner.
            let status = try Command.run(Command.product("cpsvault"), ["agent", "status", "--socket", socket])
            #expect(status.status == 0, "\(status.errorOutput)")
        }
    }
}

/// A `cpsvault agent start` running in the background, given the PIN on descriptor 3.
final class RunningAgent: @unchecked Sendable {
    let process = Process()
    let started: [String: Any]
    private let errors = Pipe()
    private let exited = DispatchSemaphore(value: 0)
    private let errorText = Mutex<String?>(nil)

    private init(socket: String, arguments: [String], coreFolder: URL?) throws {
        let output = Pipe(), input = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // With `coreFolder`, started where a core file would be written, allowed one of any size,
        // with no signal blocked (the test's threads block some) and without the Swift runtime's
        // crash reporter, so that a fatal signal reaches the kernel.
        process.arguments = ["-c", (coreFolder == nil ? "" : "ulimit -c unlimited; export SWIFT_BACKTRACE=enable=no; ")
                             + "exec 3<&0 0</dev/null " + (coreFolder == nil ? "" : RunningAgent.unblockingSignals) + "\"$@\"", "sh",
                             try Command.product("cpsvault"), "agent", "start", "--socket", socket, "--pin-fd", "3", "--json"] + arguments
        process.currentDirectoryURL = coreFolder
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        input.fileHandleForWriting.write(Data("1234\n".utf8))
        try input.fileHandleForWriting.close()
        // The agent prints its line once it listens; the read returns then (or at its exit).
        var line = Data()
        while !line.contains(0x0A) {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            line.append(more)
        }
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            process.waitUntilExit()
            throw TestStackError("cpsvault agent start did not start (status \(process.terminationStatus)): "
                                 + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        started = object
    }

    /// Starts the agent; with `coreFolder`, in that folder with no limit on core files, so that
    /// only the agent's own hardening keeps a core from being written there.
    static func start(socket: String, arguments: [String], coreFolder: URL? = nil) throws -> RunningAgent {
        try RunningAgent(socket: socket, arguments: arguments, coreFolder: coreFolder)
    }

    /// A command prefix that runs the rest with no signal blocked.
    static let unblockingSignals = "perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die; exec @ARGV or die' "

    /// Whether a signal ended the agent; only once it has exited.
    var wasKilled: Bool { process.terminationReason == .uncaughtSignal }

    /// Waits (at most 15 s) for the agent to exit; its exit status, or -1 if it is still running.
    func waitForExit() -> Int32 {
        guard exited.wait(timeout: .now() + 15) == .success else { return -1 }
        exited.signal()
        return process.terminationStatus
    }

    /// What the agent wrote on standard error; only once it has exited.
    func errorOutput() -> String {
        errorText.withLock { text in
            if text == nil { text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
            return text ?? ""
        }
    }

    /// Ends the agent if a test left it running.
    func stop() {
        if process.isRunning { process.terminate() }
        _ = waitForExit()
    }
}
