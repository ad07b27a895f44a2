import CardStackTesting
import Foundation
import Testing

/// What a careless user or a local attacker meets: output files that are never clobbered,
/// vault folders others could tamper with, identities and content types that are checked,
/// study exports that stay aggregated, configurations and agents that are refused clearly.
extension CardCommandTests {
    /// A fresh folder (0700) for one test's vault and files.
    private func privateFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return folder
    }

    @Test("--output: an existing file needs --force, a folder is refused, /dev/stdout is written in place; identities and content types are checked",
          .tags(.hardening))
    func outputsAndInput() throws {
        let folder = try privateFolder("cli-harden")
        defer { try? FileManager.default.removeItem(at: folder) }
        let vault = folder.appendingPathComponent("vault.sqlite").path
        func run(_ card: TestCard, _ arguments: [String], input: String? = nil) throws -> CommandResult {
            stack.empty(slot)
            try stack.insert(card, into: slot)
            return try cpsvault(arguments + ["--vault", vault], pin: "1234", standardInput: input)
        }
        #expect(try run(.admin1, ["init"]).status == 0)
        #expect(try run(.admin1, ["professional", "enrol", "--certificate", TestCard.physician1.authenticationCertificate.path]).status == 0)
        stack.empty(slot)
        try stack.insert(.physician1, into: slot)

        // Identities: each field checked, a clear message, exit 65, before any PIN is asked.
        let valid = #"{"familyName":"Blanc","givenNames":"Lise","birthDate":"1962-09-30","sex":"F","ins":"262097512345650","address":"2 rue Basse, Lille"}"#
        for (identity, message) in [
            (valid.replacingOccurrences(of: "1962-09-30", with: "not-a-date"), "birthDate must be a date written YYYY-MM-DD"),
            (valid.replacingOccurrences(of: "1962-09-30", with: "2999-01-01"), "birthDate is in the future"),
            (valid.replacingOccurrences(of: #""sex":"F""#, with: #""sex":"Q""#), "sex must be F, M or U"),
            (valid.replacingOccurrences(of: "Blanc", with: ""), "familyName is empty"),
            (valid.replacingOccurrences(of: "Blanc", with: #"Blanc\n2026-01-01  forged"#), "familyName holds a control character"),
            (valid.replacingOccurrences(of: "12345650", with: "12345651"), "wrong control key"),
            (valid.replacingOccurrences(of: #""sex":"F""#, with: #""sex":"F","sex":"M""#), "\"sex\" appears twice"),
        ] {
            let refused = try cpsvault(["patient", "create", "--hosting-consent", "form", "-", "--vault", vault], pin: "1234", standardInput: identity)
            #expect(refused.status == 65, "\(identity): \(refused.errorOutput)")
            #expect(refused.errorOutput.contains(message), "\(refused.errorOutput)")
            #expect(!refused.errorOutput.contains("DecodingError") && !refused.errorOutput.contains("PIN"))
        }
        let huge = folder.appendingPathComponent("huge.json")
        try Data(valid.replacingOccurrences(of: "Blanc", with: String(repeating: "B", count: 50_000_000)).utf8).write(to: huge)
        let tooLarge = try cpsvault(["patient", "create", "--hosting-consent", "form", huge.path, "--vault", vault])
        #expect(tooLarge.status == 65 && tooLarge.errorOutput.contains("larger than"), "\(tooLarge.errorOutput)")

        let created = try cpsvault(["patient", "create", "--hosting-consent", "form", "-", "--vault", vault, "--json"],
                                   pin: "1234", standardInput: valid)
        #expect(created.status == 0, "\(created.errorOutput)")
        let patient = try #require(try json(created)["patientID"] as? String)

        // Content types: MIME types only, nothing written otherwise.
        let note = folder.appendingPathComponent("note.txt")
        try Data("Tension 12/8".utf8).write(to: note)
        let forged = try cpsvault(["record", "add", patient, "--type", "text/plain\n9B10  v1  forged", note.path, "--vault", vault], pin: "1234")
        #expect(forged.status == 65 && forged.errorOutput.contains("The content type is not a MIME type"), "\(forged.errorOutput)")
        #expect(!forged.errorOutput.contains("\nforged"))
        let added = try cpsvault(["record", "add", patient, "--type", "text/plain; charset=utf-8", note.path, "--vault", vault, "--json"],
                                 pin: "1234")
        #expect(added.status == 0, "\(added.errorOutput)")
        let record = try #require(try json(added)["recordID"] as? String)
        let listed = try cpsvault(["record", "list", patient, "--vault", vault], pin: "1234")
        #expect(listed.output.split(separator: "\n").count == 1 && listed.output.contains("text/plain; charset=utf-8"))

        // --output: never over an existing file without --force, never a folder, devices in place.
        let existing = folder.appendingPathComponent("existing.txt")
        try Data("keep".utf8).write(to: existing)
        let refused = try cpsvault(["record", "get", patient, record, "--output", existing.path, "--vault", vault], pin: "1234")
        #expect(refused.status == 66, "\(refused.errorOutput)")
        #expect(refused.errorOutput.contains("The record was not written: \(existing.path) already exists. Give --force"))
        #expect(try Data(contentsOf: existing) == Data("keep".utf8))
        let forced = try cpsvault(["record", "get", patient, record, "--output", existing.path, "--force", "--vault", vault], pin: "1234")
        #expect(forced.status == 0, "\(forced.errorOutput)")
        #expect(try Data(contentsOf: existing) == Data("Tension 12/8".utf8))
        let intoFolder = try cpsvault(["record", "get", patient, record, "--output", folder.path, "--force", "--vault", vault], pin: "1234")
        #expect(intoFolder.status == 66 && intoFolder.errorOutput.contains("is a folder, not a file"), "\(intoFolder.errorOutput)")
        let toStandardOutput = try cpsvault(["record", "get", patient, record, "--output", "/dev/stdout", "--vault", vault], pin: "1234")
        #expect(toStandardOutput.status == 0 && toStandardOutput.output == "Tension 12/8", "\(toStandardOutput.errorOutput)")

        // Exports: the same rule, the message names the export; progress is JSON only with --json.
        let recipient = TestCard.physician1.authenticationCertificate.path
        let dossier = folder.appendingPathComponent("dossier.cms")
        try Data("older dossier".utf8).write(to: dossier)
        let kept = try cpsvault(["export", "restitution", patient, "--to", recipient, "--output", dossier.path, "--vault", vault], pin: "1234")
        #expect(kept.status == 66 && kept.errorOutput.contains("The export was not written"), "\(kept.errorOutput)")
        #expect(try Data(contentsOf: dossier) == Data("older dossier".utf8))
        let replaced = try cpsvault(["export", "restitution", patient, "--to", recipient, "--output", dossier.path, "--force", "--vault", vault],
                                    pin: "1234")
        #expect(replaced.status == 0, "\(replaced.errorOutput)")
        #expect(!replaced.errorOutput.contains("{"), "\(replaced.errorOutput)")
        #expect(replaced.errorOutput.contains("restitution: 1/1"))

        // Aggregates: the threshold is at least 11, and the message names the option.
        let study = folder.appendingPathComponent("study.json")
        try Data(#"{"study":"s","elements":["Patient.ageBand"],"groupBy":["Patient.ageBand"]}"#.utf8).write(to: study)
        let low = try cpsvault(["export", "aggregate", patient, "--study", study.path, "--threshold", "5", "--to", recipient,
                                "--output", folder.appendingPathComponent("counts.cms").path, "--vault", vault], pin: "1234")
        #expect(low.status == 65 && low.errorOutput.contains("--threshold must be 11 or more"), "\(low.errorOutput)")
        try Data(#"{"study":"s","elements":["Patient.ageBand"],"ageBandYears":1}"#.utf8).write(to: study)
        let narrow = try cpsvault(["export", "study", patient, "--study", study.path, "--to", recipient,
                                   "--output", folder.appendingPathComponent("extract.cms").path, "--vault", vault], pin: "1234")
        #expect(narrow.status == 65 && narrow.errorOutput.contains("\"ageBandYears\" must be 5 to 50"), "\(narrow.errorOutput)")
    }

    @Test("a vault in a folder others may write to, a folder given as the vault and an empty file are refused with exit 78", .tags(.hardening))
    func unsafeVaultPlaces() throws {
        let folder = try privateFolder("cli-places")
        defer { try? FileManager.default.removeItem(at: folder) }
        let open = folder.appendingPathComponent("open")
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: false)
        #expect(chmod(open.path, 0o777) == 0)
        try stack.insert(.admin1, into: slot)
        defer { stack.empty(slot) }

        let inOpenFolder = try cpsvault(["init", "--vault", open.appendingPathComponent("vault.sqlite").path], pin: "1234")
        #expect(inOpenFolder.status == 78, "\(inOpenFolder.errorOutput)")
        #expect(inOpenFolder.errorOutput.contains("The vault's folder \(open.path) is not safe"))
        #expect(!FileManager.default.fileExists(atPath: open.appendingPathComponent("vault.sqlite").path))

        let vault = folder.appendingPathComponent("vault.sqlite").path
        #expect(try cpsvault(["init", "--vault", vault], pin: "1234").status == 0)
        #expect(chmod(folder.path, 0o770) == 0)
        let reopened = try cpsvault(["admin", "status", "--vault", vault], pin: "1234")
        #expect(reopened.status == 78 && reopened.errorOutput.contains("lets other users create, rename or delete files"), "\(reopened.errorOutput)")
        #expect(chmod(folder.path, 0o700) == 0)

        let asFolder = try cpsvault(["admin", "status", "--vault", folder.path], pin: "1234")
        #expect(asFolder.status == 78 && asFolder.errorOutput.contains("is a folder, not a vault file"), "\(asFolder.errorOutput)")

        let empty = folder.appendingPathComponent("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty.path, contents: nil, attributes: [.posixPermissions: 0o600]))
        let onEmpty = try cpsvault(["init", "--vault", empty.path], pin: "1234")
        #expect(onEmpty.status == 78 && onEmpty.errorOutput.contains("is empty: it holds no vault"), "\(onEmpty.errorOutput)")
        #expect(!onEmpty.errorOutput.contains("already exists"))
    }

    @Test("a configuration missing, not JSON or with an unknown key exits 78, naming the closest key", .tags(.hardening), arguments: [
        (nil, "cannot be read"), ("{\"trustAnchors\": [", "it is not valid JSON"),
        ("{\"trustAnchor\": []}", "\"trustAnchor\" is not a configuration key (did you mean \"trustAnchors\"?)"),
        ("{\"vault\": 3}", "\"vault\" has the wrong type"),
    ])
    func badConfiguration(content: String?, message: String) throws {
        let folder = try privateFolder("cli-config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.json")
        if let content { try Data(content.utf8).write(to: file) }
        let result = try Command.run(Command.product("cpsvault"), ["patient", "list", "--config", file.path])
        #expect(result.status == 78, "\(result.errorOutput)")
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
    }

    @Test("a malformed patient, record or team id stops the command at its arguments: exit 65 and its kind's message",
          .tags(.hardening), arguments: [
              (["record", "get", "ZZ" + String(repeating: "0", count: 30), String(repeating: "0", count: 32)], "is not a patient id"),
              (["record", "get", String(repeating: "0", count: 32), "9B10"], "is not a record id"),
              (["grant", "team", String(repeating: "0", count: 32), "--team", ""], "is not a care team id"),
              (["audit", "show", "--patient", String(repeating: "0", count: 34)], "is not a patient id"),
          ])
    func malformedIdentifier(arguments: [String], message: String) throws {
        let result = try Command.run(Command.product("cpsvault"), arguments + ["--vault", "/nonexistent/vault.sqlite"])
        #expect(result.status == 65, "\(result.errorOutput)")
        #expect(result.errorOutput.contains(message + ": 32 hexadecimal digits expected"), "\(result.errorOutput)")
        #expect(!result.errorOutput.contains("No such"), "\(result.errorOutput)")
    }

    @Test("control characters in what a message repeats are escaped", .tags(.hardening))
    func escapedMessages() throws {
        let result = try Command.run(Command.product("cpsvault"), ["audit", "verify", "--vault", "/nonexistent\n\u{1B}[2Jforged"])
        #expect(result.status != 0)
        #expect(result.errorOutput.contains(#"/nonexistent\n\u{1B}[2Jforged"#), "\(result.errorOutput)")
        #expect(!result.errorOutput.contains("\u{1B}") && result.errorOutput.split(separator: "\n").count == 1)
    }
}
