import CardStackTesting
import Foundation
import Testing

/// The exports as a script runs them: a restitution that independent tools open, then one
/// that shreds the patient once written.
extension CardCommandTests {
    @Test("export restitution: openssl cms decrypts and verifies it, every record comes back; --then-shred shreds after the export")
    func restitutionCommand() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let vault = folder.appendingPathComponent("vault.sqlite").path
        func run(_ card: TestCard, _ arguments: [String], input: String? = nil) throws -> CommandResult {
            stack.empty(slot)
            try stack.insert(card, into: slot)
            return try cpsvault(arguments + ["--vault", vault, "--json"], pin: "1234", standardInput: input)
        }
        let recipient = TestCard.physician2.folder

        #expect(try run(.admin1, ["init"]).status == 0)
        #expect(try run(.admin1, ["professional", "enrol", "--certificate", TestCard.physician1.authenticationCertificate.path]).status == 0)
        let identity = #"{"familyName":"Roux","givenNames":"Jeanne","birthDate":"1951-02-03","sex":"F","ins":"251027512345689","address":"8 allée des Tilleuls, 13001 Marseille"}"#
        let created = try run(.physician1, ["patient", "create", "--hosting-consent", "signed form", "-"], input: identity)
        let patient = try #require(try json(created)["patientID"] as? String)
        var contents: [String: Data] = [:]
        for (index, size) in [0, 1, 70_000].enumerated() {
            let content = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) })
            let file = folder.appendingPathComponent("record-\(index)")
            try content.write(to: file)
            let added = try run(.physician1, ["record", "add", patient, "--type", "application/octet-stream", file.path])
            contents[try #require(try json(added)["recordID"] as? String)] = content
        }

        // The recipient, physician-2, is one of the patient's designated professionals.
        #expect(try run(.admin1, ["professional", "enrol", "--certificate", TestCard.physician2.authenticationCertificate.path]).status == 0)
        #expect(try run(.physician1, ["grant", "add", patient, "--to", "810003456782"]).status == 0)
        let dossier = folder.appendingPathComponent("dossier.cms").path
        let exported = try run(.physician1, ["export", "restitution", patient, "--to", recipient.appendingPathComponent("auth.crt.pem").path,
                                             "--output", dossier])
        #expect(exported.status == 0, "\(exported.errorOutput)")
        #expect(try json(exported)["patients"] as? Int == 1)
        let signed = folder.appendingPathComponent("dossier.signed").path, tar = folder.appendingPathComponent("dossier.tar").path
        let decrypted = try Command.run("openssl", ["cms", "-decrypt", "-inform", "DER", "-in", dossier,
                                                    "-inkey", recipient.appendingPathComponent("auth.key.pem").path,
                                                    "-recip", recipient.appendingPathComponent("auth.crt.pem").path, "-out", signed])
        #expect(decrypted.status == 0, "\(decrypted.errorOutput)")
        let verified = try Command.run("openssl", ["cms", "-verify", "-inform", "DER", "-in", signed, "-CAfile", TestPKI.file("root.crt.pem"),
                                                   "-out", tar])
        #expect(verified.status == 0 && verified.errorOutput.contains("Verification successful"), "\(verified.errorOutput)")
        let unpacked = folder.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        #expect(try Command.run("tar", ["-xf", tar, "-C", unpacked.path]).status == 0)
        for (recordID, content) in contents {
            #expect(try Data(contentsOf: unpacked.appendingPathComponent("records/\(recordID)/1.bin")) == content)
        }

        // At the end of hosting, the administrator gives the dossier back and shreds the patient.
        let ended = try run(.physician1, ["patient", "end-hosting", patient, "--statement", "Fin du contrat d'hébergement"])
        #expect(ended.status == 0, "\(ended.errorOutput)")
        let final = folder.appendingPathComponent("final.cms").path
        let shredding = try run(.admin1, ["export", "restitution", patient, "--to", recipient.appendingPathComponent("auth.crt.pem").path,
                                          "--output", final, "--then-shred"])
        #expect(shredding.status == 0, "\(shredding.errorOutput)")
        #expect(FileManager.default.fileExists(atPath: final))
        let gone = try run(.physician1, ["record", "get", patient, try #require(contents.keys.first), "--output", folder.appendingPathComponent("x").path])
        #expect(gone.status != 0)
        #expect(try run(.admin1, ["export", "restitution", patient, "--to", recipient.appendingPathComponent("auth.crt.pem").path,
                                  "--output", folder.appendingPathComponent("again.cms").path]).status == 54)

        stack.empty(slot)
        let noCard = try cpsvault(["export", "restitution", patient, "--to", recipient.appendingPathComponent("auth.crt.pem").path,
                                   "--output", folder.appendingPathComponent("nocard.cms").path, "--vault", vault], pin: "1234")
        #expect(noCard.status == 12, "\(noCard.errorOutput)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("nocard.cms").path))
        #expect(try Command.run(Command.product("cpsvault"), ["audit", "verify", "--vault", vault]).status == 0)
    }
}
