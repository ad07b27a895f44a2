import CardStackTesting
import Foundation
import Testing

/// One vault shared by both card generations, through cpsvault and the real card stack.
extension CardCommandTests {
    /// Puts `card` alone in the slot and runs cpsvault with its PIN (1234) on descriptor 3.
    func cpsvault(with card: TestCard, _ arguments: [String], standardInput: String? = nil) throws -> CommandResult {
        stack.empty(slot)
        try stack.insert(card, into: slot)
        return try cpsvault(arguments, pin: "1234", standardInput: standardInput)
    }

    @Test("a CPS3 administrator enrols a CPS4 physician, who opens what a CPS3 colleague granted and exports it signed")
    func mixedGenerations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-mixed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let vault = folder.appendingPathComponent("vault.sqlite").path
        func run(_ card: TestCard, _ arguments: [String], input: String? = nil) throws -> CommandResult {
            try cpsvault(with: card, arguments + ["--vault", vault, "--json"], standardInput: input)
        }

        #expect(try run(.admin1, ["init"]).status == 0)
        for card in [TestCard.physician1, .physicianCPS4, .physician2] {
            let enrolled = try run(.admin1, ["professional", "enrol", "--certificate", card.authenticationCertificate.path])
            #expect(enrolled.status == 0, "\(enrolled.errorOutput)")
        }
        let identity = #"{"familyName":"Blanc","givenNames":"Odile","birthDate":"1962-11-09","sex":"F","ins":"262117512345682","address":"1 rue Haute, 67000 Strasbourg"}"#
        let created = try run(.physician1, ["patient", "create", "--hosting-consent", "signed form", "-"], input: identity)
        #expect(created.status == 0, "\(created.errorOutput)")
        let patient = try #require(try json(created)["patientID"] as? String)
        let note = folder.appendingPathComponent("note.txt")
        try Data("Allergie à la pénicilline".utf8).write(to: note)
        let added = try run(.physician1, ["record", "add", patient, "--type", "text/plain", note.path])
        let record = try #require(try json(added)["recordID"] as? String)
        #expect(try run(.physician1, ["grant", "add", patient, "--to", "810001234567"]).status == 0)

        let output = folder.appendingPathComponent("out.txt")
        let got = try run(.physicianCPS4, ["record", "get", patient, record, "--output", output.path])
        #expect(got.status == 0, "\(got.errorOutput)")
        #expect(try Data(contentsOf: output) == Data("Allergie à la pénicilline".utf8))

        // A restitution goes only to a professional the patient designated: physician-2, granted.
        #expect(try run(.physician1, ["grant", "add", patient, "--to", "810003456782"]).status == 0)
        let recipient = TestCard.physician2.folder
        let dossier = folder.appendingPathComponent("dossier.cms").path
        let exported = try run(.physicianCPS4, ["export", "restitution", patient, "--to",
                                                recipient.appendingPathComponent("auth.crt.pem").path, "--output", dossier])
        #expect(exported.status == 0, "\(exported.errorOutput)")
        let signed = folder.appendingPathComponent("dossier.signed").path
        let decrypted = try Command.run("openssl", ["cms", "-decrypt", "-inform", "DER", "-in", dossier,
                                                    "-inkey", recipient.appendingPathComponent("auth.key.pem").path,
                                                    "-recip", recipient.appendingPathComponent("auth.crt.pem").path, "-out", signed])
        #expect(decrypted.status == 0, "\(decrypted.errorOutput)")
        let verified = try Command.run("openssl", ["cms", "-verify", "-inform", "DER", "-in", signed, "-CAfile", TestPKI.file("root.crt.pem"),
                                                   "-out", folder.appendingPathComponent("dossier.tar").path])
        #expect(verified.status == 0 && verified.errorOutput.contains("Verification successful"), "\(verified.errorOutput)")

        let audit = try Command.run(Command.product("cpsvault"), ["audit", "verify", "--vault", vault])
        #expect(audit.status == 0, "\(audit.output)")
    }

    @Test("a CPS4 administrator initialises a vault and enrols a CPS3 physician")
    func cps4Administrator() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-cps4-admin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let vault = folder.appendingPathComponent("vault.sqlite").path
        defer { stack.empty(slot) }
        let created = try cpsvault(with: .adminCPS4, ["init", "--vault", vault])
        #expect(created.status == 0, "\(created.errorOutput)")
        let enrolled = try cpsvault(with: .adminCPS4, ["professional", "enrol", "--certificate",
                                                       TestCard.physician1.authenticationCertificate.path, "--vault", vault])
        #expect(enrolled.status == 0, "\(enrolled.errorOutput)")
        let status = try cpsvault(with: .adminCPS4, ["admin", "status", "--vault", vault, "--json"])
        #expect(status.status == 0, "\(status.errorOutput)")
    }
}
