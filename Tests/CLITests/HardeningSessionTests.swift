import CardStackTesting
import Foundation
import Testing

extension SimulatorProcessSlot {
    /// What a session promises when its card is pulled, when its process is asked for a core
    /// file, and when one row of the vault was tampered with, through `cpsvault` and the real
    /// card stack.
    @Suite("Hardening: a pulled card, a process that cannot be dumped, one tampered row",
           .tags(.cardStack, .hardening), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
    struct HardeningSessionTests {
        static let recordSize = 20 * 1024 * 1024
        static let piece = 64 * 1024

        /// Physician-1's agent on `vault`, its socket in the vault's folder.
        private func startAgent(_ vault: FaultVault, coreFolder: URL? = nil) throws -> (agent: RunningAgent, socket: String) {
            try vault.insert(.physician1)
            let socket = vault.folder.appendingPathComponent("run/agent.sock").path
            let agent = try RunningAgent.start(socket: socket, arguments: [
                "--config", vault.configuration.path, "--reader", vault.slot.readerName, "--vault", vault.vault], coreFolder: coreFolder)
            return (agent, socket)
        }

        /// Runs `cpsvault` in the agent at `socket`: no reader, no PIN.
        private func throughAgent(_ vault: FaultVault, socket: String, _ arguments: [String], input: String = "") throws -> CommandResult {
            try Command.run(Command.product("cpsvault"), arguments + ["--config", vault.configuration.path, "--vault", vault.vault,
                                                                      "--agent", socket, "--json"], input: Data(input.utf8))
        }

        @Test("a card pulled during a 20 MiB record add: streaming stops, exit 13, no record and no record.add granted, the interruption audited",
              arguments: [false, true])
        func cardPulledDuringRecordAdd(throughAgent: Bool) throws {
            let vault = try FaultVault()
            let patient = try vault.createPatient(1)
            let content = FaultVault.content(Self.recordSize, seed: 3)
            let add = ["record", "add", patient, "--type", "application/octet-stream", "-"]
            var agent: RunningAgent?
            let adding: RunningCommand
            if throughAgent {
                let started = try startAgent(vault)
                agent = started.agent
                adding = try RunningCommand(Command.product("cpsvault"), add + [
                    "--config", vault.configuration.path, "--vault", vault.vault, "--agent", started.socket, "--json"],
                    inputOnDescriptor3: Data("\n".utf8), feedingStandardInput: true)
            } else {
                adding = try vault.start(.physician1, add, feedingStandardInput: true)
            }
            defer { agent?.stop() }

            // Once 4 MiB have gone into the pipe, the session has read all of it but what the pipe
            // (and the agent's socket) buffers: the record is streaming. Then the card is pulled,
            // and the rest offered until the command stops reading.
            var written = 4 * 1024 * 1024
            #expect(adding.feed(content[..<written]))
            try vault.stack.remove(from: vault.slot)
            vault.forgetCard()
            while written < content.count, adding.feed(content[written..<min(content.count, written + Self.piece)]) {
                written += Self.piece
            }
            let result = adding.wait()
            #expect(written < content.count, "the whole record was read after the card had gone")
            #expect(result.status == 13, "\(result.errorOutput)")
            #expect(result.errorOutput.contains("nothing was written"), "\(result.errorOutput)")
            if let agent {
                #expect(agent.waitForExit() == 0)
                #expect(agent.errorOutput().contains("the card left the reader"))
            }

            #expect(try vault.records(patient).isEmpty)
            let audit = try vault.require(vault.run(.physician1, ["audit", "show", "--action", "record.add"]))
            let entries = try #require(try JSONSerialization.jsonObject(with: audit.outputData) as? [[String: Any]])
            #expect(!entries.contains { $0["outcome"] as? String == "granted" }, "\(entries)")
            #expect(entries.contains { $0["outcome"] as? String == "failed" && ($0["reason"] as? String ?? "").contains("the card left the reader") },
                    "\(entries)")
        }

        @Test("the agent leaves no core: started allowed one, it lowers its core limit to 0 for good, and a SIGABRT writes no core where an unprotected process writes one")
        func agentLeavesNoCore() throws {
            let vault = try FaultVault()
            _ = try vault.createPatient(7)
            let cores = vault.folder.appendingPathComponent("cores")
            try FileManager.default.createDirectory(at: cores, withIntermediateDirectories: false)
            let (agent, socket) = try startAgent(vault, coreFolder: cores)
            defer { agent.stop() }
            let processID = try #require(agent.started["processID"] as? Int32)

            // The agent decrypts the patient's name and INS.
            let listed = try throughAgent(vault, socket: socket, ["patient", "list"])
            #expect(listed.status == 0 && listed.output.contains("Patient 7"), "\(listed.errorOutput)")
            let found = try throughAgent(vault, socket: socket, ["patient", "find"], input: FaultVault.ins(7))
            #expect(found.status == 0 && found.output.contains(FaultVault.ins(7)), "\(found.errorOutput)")

            // Started allowed a core of any size, it lowered the limit to nothing, for good.
            let limits = try String(contentsOfFile: "/proc/\(processID)/limits", encoding: .utf8)
            let core = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") })
            #expect(core.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2) == ["0", "0"], "\(core)")

            // A process without that protection, started the same way, leaves a core here.
            let control = Process()
            control.executableURL = URL(fileURLWithPath: "/bin/sh")
            control.arguments = ["-c", "ulimit -c unlimited; exec " + RunningAgent.unblockingSignals + "perl -e 'kill \"ABRT\", $$'"]
            control.currentDirectoryURL = cores
            try control.run()
            control.waitUntilExit()
            let controlCores = try FileManager.default.contentsOfDirectory(atPath: cores.path)
            for file in controlCores { try FileManager.default.removeItem(at: cores.appendingPathComponent(file)) }

            // Aborting the agent writes nothing: no core limit left, and not dumpable besides.
            #expect(kill(processID, SIGABRT) == 0)
            try #require(agent.waitForExit() != -1, "the agent did not end on SIGABRT")
            #expect(agent.wasKilled)
            if !controlCores.isEmpty {
                #expect(try FileManager.default.contentsOfDirectory(atPath: cores.path).isEmpty, "the agent left a core file")
            }
        }

        @Test("a tampered grant leaves only that patient out of patient list, a record moved to another patient only that record out of record list: each reported, audited, and exit 40 where it is the command's object")
        func tamperedRows() throws {
            let vault = try FaultVault()
            let first = try vault.createPatient(1), second = try vault.createPatient(2), third = try vault.createPatient(3)
            let kept = try vault.addRecord(first, Data("kept".utf8))
            let moved = try vault.addRecord(first, Data("moved".utf8))
            _ = try vault.addRecord(second, Data("behind a tampered grant".utf8))

            // Someone with the database file: the second patient's grant replaced by the third's,
            // the record moved from the first patient to the third.
            let edited = try Command.run("/usr/bin/sqlite3", [vault.vault, """
                DROP TRIGGER IF EXISTS key_grant_no_update; DROP TRIGGER IF EXISTS record_version_no_update;
                UPDATE key_grant SET wrapped_key = (SELECT wrapped_key FROM key_grant WHERE patient_id = X'\(third)') WHERE patient_id = X'\(second)';
                UPDATE record_version SET patient_id = X'\(third)' WHERE record_id = X'\(moved)';
                """])
            try #require(edited.status == 0, "\(edited.errorOutput)")

            let patients = try vault.run(.physician1, ["patient", "list"])
            #expect(patients.status == 0, "\(patients.errorOutput)")
            let listed = try #require(try JSONSerialization.jsonObject(with: patients.outputData) as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["patientID"] as? String }) == [first, third])
            #expect(patients.errorOutput.contains("Patient \(second) was left out: it failed authentication"), "\(patients.errorOutput)")

            #expect(Set(try vault.records(first).keys) == [kept])
            let records = try vault.run(.physician1, ["record", "list", third])
            #expect(records.status == 0 && records.output == "[]\n", "\(records.output) \(records.errorOutput)")
            #expect(records.errorOutput.contains("Record \(moved) was left out: it failed authentication"), "\(records.errorOutput)")

            // Where the tampered row is the command's own object: exit 40, nothing shown.
            for (command, input) in [(["record", "get", third, moved], nil), (["record", "history", third, moved], nil),
                                     (["record", "list", second], nil), (["patient", "find"], FaultVault.ins(2))] {
                let refused = try vault.run(.physician1, command, input: input.map { Data($0.utf8) })
                #expect(refused.status == 40, "\(command): \(refused.errorOutput)")
                #expect(refused.output.isEmpty && !refused.output.contains("moved"))
            }

            let audit = try vault.require(vault.run(.physician1, ["audit", "show"]))
            let entries = try #require(try JSONSerialization.jsonObject(with: audit.outputData) as? [[String: Any]])
            func failed(_ action: String, _ patient: String) -> Bool {
                entries.contains { $0["action"] as? String == action && $0["patientID"] as? String == patient && $0["outcome"] as? String == "failed" }
            }
            #expect(failed("patient.list", second) && failed("record.list", third) && failed("record.read", third), "\(entries)")
        }
    }
}
