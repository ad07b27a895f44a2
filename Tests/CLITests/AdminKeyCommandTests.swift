import CardStackTesting
import Foundation
import Testing

/// `cpsvault admin rekey` killed and resumed, and `admin shred`, as scripts run them.
extension CardCommandTests {
    @Test("admin rekey killed at random points of resealing carries on with the key it made, and every record still opens; then end-hosting and shred")
    func rekeyKilledThenResumed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-rekey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let vault = folder.appendingPathComponent("vault.sqlite").path
        func run(_ card: TestCard, _ arguments: [String], input: String? = nil) throws -> CommandResult {
            stack.empty(slot)
            try stack.insert(card, into: slot)
            return try cpsvault(arguments + ["--vault", vault, "--json"], pin: "1234", standardInput: input)
        }
        #expect(try run(.admin1, ["init"]).status == 0)
        #expect(try run(.admin1, ["professional", "enrol", "--certificate", TestCard.physician1.authenticationCertificate.path]).status == 0)
        let identity = #"{"familyName":"Roux","givenNames":"Inès","birthDate":"1979-05-04","sex":"F","ins":"279057512345626","address":"8 quai Sud, Nantes"}"#
        let created = try run(.physician1, ["patient", "create", "--hosting-consent", "signed form", "-"], input: identity)
        let patient = try #require(try json(created)["patientID"] as? String)
        var contents: [String: Data] = [:]
        for size in [40, 70_000, 24 * 1024 * 1024 + 3] {
            let content = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) })
            let file = folder.appendingPathComponent("in-\(size)")
            try content.write(to: file)
            let added = try run(.physician1, ["record", "add", patient, "--type", "application/octet-stream", file.path])
            contents[try #require(try json(added)["recordID"] as? String)] = content
        }
        #expect(try run(.admin1, ["admin", "rekey"]).status == 64)

        for trial in 1...4 {
            stack.empty(slot)
            try stack.insert(.admin1, into: slot)
            let rekey = try RunningCommand(
                Command.product("cpsvault"),
                ["admin", "rekey", patient, "--vault", vault, "--json", "--config", configuration.path,
                 "--reader", slot.readerName, "--pin-fd", "3"],
                inputOnDescriptor3: Data("1234\n".utf8))
            // The crash itself: once the new key is made (the first progress line) or a record is
            // resealed (the second), while the next record is being resealed: away from the card
            // operations, since a client killed mid-APDU can leave the simulated reader unanswered.
            for _ in 0..<Int.random(in: 1...2) { _ = rekey.nextErrorLine() }
            rekey.kill()
            let killed = rekey.wait()
            #expect(killed.killed || killed.status == 0, "trial \(trial): \(killed.errorOutput)")

            let resumed = try run(.admin1, ["admin", "rekey", "--pending"])
            #expect(resumed.status == 0, "trial \(trial): \(resumed.errorOutput)")
            let reports = try #require(try JSONSerialization.jsonObject(with: resumed.outputData) as? [[String: Any]])
            let log = try run(.admin1, ["audit", "show", "--patient", patient, "--action", "admin.rekey"])
            let entries = try #require(try JSONSerialization.jsonObject(with: log.outputData) as? [[String: Any]])
            let reasons = entries.compactMap { $0["reason"] as? String }
            let started = reasons.filter { $0.hasPrefix("started patient key version ") }
            let finished = reasons.filter { $0.hasPrefix("finished on patient key version ") }
            // Every rekey that moved the key finished on that same key: none was started twice.
            #expect(started.count == finished.count, "trial \(trial): \(reasons)")
            #expect(started.map { $0.dropFirst(28).prefix { $0 != " " } } == finished.map { $0.dropFirst(32).prefix { $0 != ";" } })
            if let report = reports.first {
                #expect(report["resumed"] as? Bool == true)
                let keyVersion = try #require(report["keyVersion"] as? Int)
                #expect(started.last?.hasPrefix("started patient key version \(keyVersion) ") == true)
            }
            for (record, content) in contents {
                let output = folder.appendingPathComponent("out-\(trial)-\(record)")
                let got = try run(.physician1, ["record", "get", patient, record, "--output", output.path])
                #expect(got.status == 0, "trial \(trial): \(got.errorOutput)")
                #expect(try Data(contentsOf: output) == content)
            }
        }

        #expect(try run(.admin1, ["admin", "shred", patient]).status == 54)
        #expect(try run(.physician1, ["patient", "end-hosting", patient, "--statement", "lettre"]).status == 0)
        let shredded = try run(.admin1, ["admin", "shred", patient])
        #expect(shredded.status == 0, "\(shredded.errorOutput)")
        #expect(try json(shredded)["recordVersions"] as? Int == 3)
        #expect(try run(.physician1, ["record", "get", patient, contents.keys.first!, "--output", folder.appendingPathComponent("x").path]).status == 54)
        let verified = try Command.run(Command.product("cpsvault"), ["audit", "verify", "--vault", vault])
        #expect(verified.status == 0, "\(verified.output)")
    }
}
