import CardStackTesting
import CPSCard
import Foundation
import Testing
@testable import VaultCore

extension VaultTests {
    /// The professional's story through the real card stack, and every refusal on the way audited.
    @Suite("Vault workflow through the card stack")
    struct VaultWorkflowTests {
        /// The physicians' cards of each generation and encoding the vault must open with: the
        /// simulator's CPS3, a CPS3 with the encodings of cards in the field, and a CPS4.
        static let physicianCards: [TestCard] = [.physician1, .physicianField, .physicianCPS4]

        @Test("a physician creates a patient, adds and opens records; a correction keeps the history",
              arguments: physicianCards)
        func physicianWorkflow(card: TestCard) throws {
            let fixture = try VaultFixture()
            try fixture.enrol([card].filter { $0 != .physician1 })
            let physician = try fixture.session(card)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let first = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Tension 12/8"))
            #expect(try fixture.read(physician, patient: patient, record: first.recordID) == Data("Tension 12/8".utf8))
            let corrected = try physician.care.addRecord(patient: patient, recordID: first.recordID, contentType: "text/plain",
                                                    from: fixture.file("Tension 13/8"))
            #expect(corrected.version == 2)
            #expect(try fixture.read(physician, patient: patient, record: first.recordID) == Data("Tension 13/8".utf8))
            #expect(try fixture.read(physician, patient: patient, record: first.recordID, version: 1) == Data("Tension 12/8".utf8))
            #expect(try physician.care.history(patient: patient, recordID: first.recordID).map(\.version) == [1, 2])
            #expect(try physician.care.records(patient: patient).map(\.recordID) == [first.recordID])
            let listed = try physician.care.patients()
            #expect(listed.map(\.identity) == [VaultFixture.identity])
            #expect(try physician.care.patient(ins: "2 84 03 75 123 456 40").patientID == patient)
            #expect(throws: VaultError.duplicatePatient) {
                try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            }
        }

        @Test("a card that is not granted is refused and audited; once granted it opens the record",
              arguments: [(TestCard.nurse, "0756012345"), (.physicianField, "810001122334"), (.physicianCPS4, "810001234567")])
        func grants(grantee: TestCard, nationalID: String) throws {
            let fixture = try VaultFixture()
            try fixture.enrol([grantee].filter { $0 != .nurse })
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Allergie"))
            physician.end()

            let refused = try fixture.session(grantee)
            #expect(throws: VaultError.self) { try fixture.read(refused, patient: patient, record: record.recordID) }
            #expect(try refused.care.patients().isEmpty)
            refused.end()

            let granting = try fixture.session(.physician1)
            try granting.care.grant(patient: patient, to: nationalID)
            let refusals = try granting.auditTrail.auditEntries(AuditQuery(patientID: patient)).filter { $0.outcome == "refused" }
            #expect(refusals.contains { $0.actor == nationalID && $0.reason == "L1110-4-al4-no-consent" })
            granting.end()

            let granted = try fixture.session(grantee)
            #expect(try fixture.read(granted, patient: patient, record: record.recordID) == Data("Allergie".utf8))
            #expect(try AuditVerifier.verify(fixture.vault).isIntact)
        }

        @Test("an opposed professional is refused even with a grant, and a rekey is queued")
        func opposition() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Bilan"))
            try physician.care.grant(patient: patient, to: "810003456782")
            try physician.care.recordOpposition(patient: patient, against: "810003456782", statement: "refus exprimé le 22/11")
            physician.end()

            let opposed = try fixture.session(.physician2)
            do {
                _ = try fixture.read(opposed, patient: patient, record: record.recordID)
                Issue.record("an opposed professional read the record")
            } catch VaultError.accessDenied(let code, _) {
                #expect(code == "L1110-4-al5-opposition")
            }
            let pending = try fixture.vault.store.read { try $0.pendingRekeys() }
            #expect(pending.count == 1)
        }

        @Test("a card that is not enrolled cannot open a session, and the attempt is audited")
        func notEnrolled() throws {
            let fixture = try VaultFixture()
            #expect(throws: VaultError.notEnrolled(nationalID: "810004567893")) { try fixture.session(.pharmacist) }
            let log = try fixture.vault.store.read { try $0.auditEntries(from: 1, limit: 100) }
            #expect(log.contains { $0.actorNationalID == "810004567893" && $0.outcome == "refused" && $0.action == "session.open" })
        }

    }
}
