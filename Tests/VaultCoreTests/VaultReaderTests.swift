import CardStackTesting
import Foundation
import Testing
@testable import VaultCore

extension VaultCardStackTests {
    /// What only the real card stack shows of the vault: a card pulled out of its reader ends the
    /// session (and whatever it was doing), and the command line reaching the card through pcscd.
    @Suite("The vault and a card in a reader")
    struct VaultReaderTests {
        @Test("cpsvault records a grave diagnosis and releases a record to relatives into an owner-only file; a nurse's attempt exits 54")
        func releaseCommand() throws {
            let fixture = try VaultFixture(cardStack: true)
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Soutien à la famille"))
            try physician.care.grant(patient: patient, to: "0756012345")
            physician.end()
            let configuration = try TestPKI.configurationFile()
            let vaultPath = fixture.folder.appendingPathComponent("vault.sqlite").path
            func cpsvault(_ card: TestCard, _ arguments: [String]) throws -> CommandResult {
                try fixture.stack.empty(fixture.professional)
                try fixture.stack.insert(card, into: fixture.professional)
                defer { fixture.cardStack?.empty(fixture.professional) }
                return try Command.run(Command.product("cpsvault"), arguments + [
                    "--vault", vaultPath, "--config", configuration.path, "--reader", fixture.professional.readerName, "--pin-fd", "3",
                ], input: Data("1234\n".utf8), inputOnDescriptor3: true)
            }

            let event = try cpsvault(.physician1, ["patient", "event", "\(patient)", "--grave-diagnosis", "--statement", "annoncé le 22/11"])
            #expect(event.status == 0, "\(event.errorOutput)")
            let output = fixture.folder.appendingPathComponent("famille.txt")
            let release = try cpsvault(.physician1, ["release", "\(patient)", "--record", "\(record.recordID)", "--output", output.path, "--json"])
            #expect(release.status == 0, "\(release.errorOutput)")
            #expect(try Data(contentsOf: output) == Data("Soutien à la famille".utf8))
            let permissions = try FileManager.default.attributesOfItem(atPath: output.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)

            let refused = fixture.folder.appendingPathComponent("refused.txt")
            let nurse = try cpsvault(.nurse, ["release", "\(patient)", "--record", "\(record.recordID)", "--output", refused.path])
            #expect(nurse.status == 54)
            #expect(nurse.errorOutput.contains("L1110-4-al8-physician-only"), "\(nurse.errorOutput)")
            #expect(!FileManager.default.fileExists(atPath: refused.path))
            let auditor = try fixture.session(.physician1)
            let log = try auditor.auditTrail.auditEntries(AuditQuery(patientID: patient))
            #expect(log.contains { $0.action == "release.relatives" && $0.outcome == "granted" })
            #expect(log.contains { $0.action == "release.relatives" && $0.actor == "0756012345" && $0.outcome == "refused" })
        }

        @Test("a card pulled mid-export stops it: no file under the final name, the abort audited")
        func cardPulledMidExport() throws {
            let fixture = try VaultFixture(cardStack: true)
            let physician = try fixture.session(.physician1, watchingReader: true)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            for index in 0..<3 {
                _ = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Note \(index)"))
            }
            let destination = try ExportFixture.destination(fixture, "pulled.cms")
            let ended = DispatchSemaphore(value: 0)
            var pulled = false
            #expect(throws: VaultError.sessionEnded) {
                try physician.exports.exportRestitution(patient: patient, to: destination, namedRecipients: destination.recipients) { _ in
                    guard !pulled else { return }
                    pulled = true
                    try? fixture.stack.remove(from: fixture.professional)
                    Task { [physician] in
                        await physician.waitUntilEnded()
                        ended.signal()
                    }
                    ended.wait()
                }
            }
            #expect(pulled)
            let left = try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path)
            #expect(!left.contains { $0.contains("pulled.cms") })
            let admin = try fixture.administratorSession()
            let aborts = try admin.auditTrail.auditEntries(AuditQuery(patientID: patient)).filter { $0.action == "export.restitution" }
            #expect(aborts.count == 1 && aborts.first?.outcome == "failed" && aborts.first?.reason.contains("card") == true)
        }

        @Test("pulling the card out ends the session and wipes its keys", .timeLimit(.minutes(1)))
        func pulledCard() async throws {
            let fixture = try VaultFixture(cardStack: true)
            let physician = try fixture.session(.physician1, watchingReader: true)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            try fixture.stack.remove(from: fixture.professional)
            await physician.waitUntilEnded()
            #expect(!physician.isOpen)
            #expect(throws: VaultError.sessionEnded) { try physician.care.patients() }
            #expect(throws: VaultError.sessionEnded) {
                try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("après retrait"))
            }
        }
    }
}
