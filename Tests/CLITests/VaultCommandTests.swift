import CardStackTesting
import Foundation
import Testing

/// The vault commands as a script runs them, one card after another in the same reader.
extension CardCommandTests {
    @Test("init, enrol, create a patient, add and get records, list, history, audit: through cpsvault")
    func vaultCommands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let vault = folder.appendingPathComponent("vault.sqlite").path
        func run(_ card: TestCard, _ arguments: [String], input: String? = nil) throws -> CommandResult {
            stack.empty(slot)
            try stack.insert(card, into: slot)
            return try cpsvault(arguments + ["--vault", vault, "--json"], pin: "1234", standardInput: input)
        }

        let created = try run(.admin1, ["init"])
        #expect(created.status == 0, "\(created.errorOutput)")
        #expect(created.errorOutput.contains("no recovery certificate"))
        let enrolled = try run(.admin1, ["professional", "enrol", "--certificate", TestCard.physician1.authenticationCertificate.path])
        #expect(enrolled.status == 0, "\(enrolled.errorOutput)")

        let identity = #"{"familyName":"Petit","givenNames":"Louise","birthDate":"1990-07-01","sex":"F","ins":"290077512345604","address":"3 place du Marché, 69001 Lyon"}"#
        let patient = try run(.physician1, ["patient", "create", "--hosting-consent", "signed form", "-"], input: identity)
        #expect(patient.status == 0, "\(patient.errorOutput)")
        let patientID = try #require(try json(patient)["patientID"] as? String)

        let note = folder.appendingPathComponent("note.txt")
        try Data("Vaccination à jour".utf8).write(to: note)
        let added = try run(.physician1, ["record", "add", patientID, "--type", "text/plain", note.path])
        #expect(added.status == 0, "\(added.errorOutput)")
        let recordID = try #require(try json(added)["recordID"] as? String)

        let output = folder.appendingPathComponent("out.txt")
        let got = try run(.physician1, ["record", "get", patientID, recordID, "--output", output.path])
        #expect(got.status == 0, "\(got.errorOutput)")
        #expect(try Data(contentsOf: output) == Data("Vaccination à jour".utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: output.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let listed = try run(.physician1, ["patient", "list"])
        #expect(listed.output.contains("Petit"))
        let history = try run(.physician1, ["record", "history", patientID, recordID])
        #expect(history.status == 0)

        let stranger = try run(.nurse, ["patient", "list"])
        #expect(stranger.status == 52, "\(stranger.errorOutput)")
        let expired = try run(.expired, ["patient", "list"])
        #expect(expired.status == 31)

        let audit = try run(.admin1, ["audit", "show"])
        #expect(audit.status == 0, "\(audit.errorOutput)")
        let entries = try #require(try JSONSerialization.jsonObject(with: audit.outputData) as? [[String: Any]])
        #expect(entries.contains { $0["actor"] as? String == "0756012345" && $0["outcome"] as? String == "refused" })
        #expect(entries.contains { $0["actor"] as? String == "810006789015" && $0["action"] as? String == "session.authenticate" })
        #expect(!audit.output.contains("Petit") && !audit.output.contains("Vaccination"))

        let status = try run(.admin1, ["admin", "status"])
        #expect(status.status == 0, "\(status.errorOutput)")
        let versions = try #require(try json(status)["keyVersions"] as? [[String: Any]])
        #expect(versions.count == 1 && versions.first?["patientKeys"] as? Int == 1)
        #expect(try run(.physician1, ["admin", "status"]).status == 54)

        let verified = try Command.run(Command.product("cpsvault"), ["audit", "verify", "--vault", vault])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("intact"))

        // A signed tree head, an entry's inclusion proof against it, and an incremental verification.
        #expect(try run(.physician1, ["audit", "checkpoint"]).status == 0)
        let proved = try Command.run(Command.product("cpsvault"), ["audit", "prove", "2", "--vault", vault, "--json"])
        #expect(proved.status == 0, "\(proved.errorOutput)")
        #expect(try json(proved)["path"] as? [String] != nil && json(proved)["treeSize"] as? Int ?? 0 >= 2)
        let missing = try Command.run(Command.product("cpsvault"), ["audit", "prove", "100000", "--vault", vault])
        #expect(missing.status == 55, "\(missing.errorOutput)")
        let incremental = try Command.run(Command.product("cpsvault"), ["audit", "verify", "--vault", vault, "--since-last", "--json"])
        #expect(incremental.status == 0, "\(incremental.output)")
        #expect(try json(incremental)["checkedEntries"] as? Int ?? -1 < json(incremental)["entries"] as? Int ?? 0)
    }
}
