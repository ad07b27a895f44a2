import CardStackTesting
import Foundation
import Testing

extension SimulatorProcessSlot.FaultTests {
    /// pcscd stopped under a running `cpsvault agent` session, then started again, as
    /// `Scripts/cardstack pcscd stop|start` does. It disturbs every card-stack test running
    /// beside it, so it runs only when asked (`CPSVAULT_FAULT_PCSCD=1`: Scripts/faults, and the
    /// second pass of Scripts/test), alone with the fault suites.
    @Suite("pcscd restarted", .enabled(if: ProcessInfo.processInfo.environment["CPSVAULT_FAULT_PCSCD"] == "1",
                                         "restarts the machine's pcscd: set CPSVAULT_FAULT_PCSCD=1 and run alone (Scripts/faults)"))
    struct PCSCDRestartTests {
        /// Runs `Scripts/cardstack pcscd ACTION`, its output to a file rather than a pipe (the
        /// pcscd it starts outlives it); the exit status and that output.
        static func pcscd(_ action: String) throws -> (status: Int32, output: String) {
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("cardstack-\(UUID().uuidString.prefix(8)).log")
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw TestStackError("cannot write \(log.path)") }
            defer { try? FileManager.default.removeItem(at: log) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [TestPKI.packageRoot.appendingPathComponent("Scripts/cardstack").path, "pcscd", action]
            let handle = try FileHandle(forWritingTo: log)
            defer { try? handle.close() }
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }

        @Test("the agent's session ends and wipes its keys, the next command fails saying pcscd is not running, a new session works once pcscd is back; the audit verifies")
        func restartUnderASession() throws {
            let vault = try FaultVault()
            let patient = try vault.createPatient(1)
            let content = FaultVault.content(200 * 1024, seed: 7)
            var expected = [try vault.addRecord(patient, content): content]
            let socket = vault.folder.appendingPathComponent("run/agent.sock").path
            let agent = try RunningAgent.start(socket: socket, arguments: [
                "--config", vault.configuration.path, "--reader", vault.slot.readerName, "--vault", vault.vault])
            defer { agent.stop() }
            let throughAgent = ["record", "list", patient, "--config", vault.configuration.path, "--vault", vault.vault, "--agent", socket]
            let listed = try Command.run(Command.product("cpsvault"), throughAgent)
            #expect(listed.status == 0, "\(listed.errorOutput)")

            var stopped = false
            defer { if stopped { _ = try? Self.pcscd("start") } }
            let stop = try Self.pcscd("stop")
            try #require(stop.status == 0, "\(stop.output)")
            stopped = true
            vault.forgetCard()

            // The session ends: the agent wipes its keys, removes its socket and exits 0.
            // Its standard error is read only once it has exited: never wait on a running agent.
            try #require(agent.waitForExit() == 0)
            #expect(agent.errorOutput().contains("pcscd stopped"), "\(agent.errorOutput())")
            #expect(!FileManager.default.fileExists(atPath: socket))
            let orphaned = try Command.run(Command.product("cpsvault"), throughAgent)
            #expect(orphaned.status == 16, "\(orphaned.errorOutput)")
            let alone = try Command.run(Command.product("cpsvault"), vault.arguments(["record", "list", patient]),
                                        input: Data("1234\n".utf8), inputOnDescriptor3: true)
            #expect(alone.status == 10, "\(alone.errorOutput)")
            #expect(alone.errorOutput.contains("pcscd"), "\(alone.errorOutput)")

            let start = try Self.pcscd("start")
            try #require(start.status == 0, "\(start.output)")
            stopped = false
            try vault.reconnect()
            let again = FaultVault.content(50 * 1024, seed: 8)
            expected[try vault.addRecord(patient, again)] = again
            try vault.expectIntact(patient, expected)
        }
    }
}
