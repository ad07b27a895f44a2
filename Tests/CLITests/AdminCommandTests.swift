import CardStackTesting
import Foundation
import Testing

/// The administrators' key commands as a script runs them: rotation with progress lines,
/// retirement, and the two-person rule with the approving card swapped in the same reader.
extension CardCommandTests {
    @Test("admin rotate, retire and two-person: progress lines, a lone card refused, a second card's approval accepted")
    func adminKeyCommands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-admin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let vault = folder.appendingPathComponent("vault.sqlite").path
        func run(_ card: TestCard, _ arguments: [String]) throws -> CommandResult {
            stack.empty(slot)
            try stack.insert(card, into: slot)
            return try cpsvault(arguments + ["--vault", vault, "--json"], pin: "1234")
        }
        /// Runs a key command under the two-person rule: `approver` approves first, then is swapped for `operator`.
        func approved(by approver: TestCard, then operator: TestCard, _ arguments: [String]) throws -> (status: Int32, output: String) {
            stack.empty(slot)
            try stack.insert(approver, into: slot)
            let command = try RunningCommand(Command.product("cpsvault"), arguments + [
                "--vault", vault, "--json", "--config", configuration.path, "--reader", slot.readerName,
                "--pin-fd", "3", "--approver-pin-fd", "3"], inputOnDescriptor3: Data("1234\n1234\n".utf8))
            while let line = command.nextErrorLine(), !line.contains("insert yours") {}
            try stack.remove(from: slot)
            try stack.insert(`operator`, into: slot)
            let ended = command.wait()
            return (ended.status, ended.output)
        }

        #expect(try run(.admin1, ["init", "--recovery-certificate", TestPKI.file("recovery.crt.pem")]).status == 0)
        let enrolled = try run(.admin1, ["professional", "enrol", "--admin", "--certificate", TestCard.admin2.authenticationCertificate.path])
        #expect(enrolled.status == 0, "\(enrolled.errorOutput)")

        let rotated = try run(.admin1, ["admin", "rotate"])
        #expect(rotated.status == 0, "\(rotated.errorOutput)")
        #expect(try json(rotated)["targetVersion"] as? Int == 2)
        let progress = rotated.errorOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(!progress.isEmpty && progress.allSatisfy { $0["event"] as? String == "progress" && $0["label"] as? String == "rotate" })

        let retired = try run(.admin1, ["admin", "retire", "--below", "2"])
        #expect(retired.status == 0, "\(retired.errorOutput)")
        #expect(try json(retired)["retired"] as? [Int] == [1])
        #expect(try run(.admin1, ["admin", "retire", "--below", "3"]).status == 58)

        #expect(try run(.admin1, ["admin", "two-person", "on"]).status == 0)
        let alone = try approved(by: .admin1, then: .admin1, ["admin", "rotate"])
        #expect(alone.status == 57, "\(alone.output)")
        let together = try approved(by: .admin2, then: .admin1, ["admin", "rotate"])
        #expect(together.status == 0, "\(together.output)")
        #expect(together.output.contains("\"targetVersion\":3"))

        let status = try run(.admin2, ["admin", "status"])
        #expect(try json(status)["twoPersonRule"] as? Bool == true)
        #expect((try json(status)["recoveryCertificate"] as? String)?.contains("recovery") == true)
        let verified = try Command.run(Command.product("cpsvault"), ["audit", "verify", "--vault", vault])
        #expect(verified.status == 0, "\(verified.output)")
    }
}
