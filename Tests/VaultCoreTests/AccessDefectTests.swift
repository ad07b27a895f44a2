import CardSimulator
import CardStackTesting
import CPSCard
import Foundation
import Testing
@testable import VaultCore
import VaultCrypto

extension VaultTests {
    /// The access defects the gate closes, each tried as the one who would exploit it: an
    /// administrator after a live dossier, a grant to an opposed professional, a search used as
    /// an oracle, a lone administrator locking the vault, offboarding, and identities after the
    /// end of the hosting. Each refusal is checked in the audit log.
    @Suite("Access defects stay closed")
    struct AccessDefectTests {
        static let nurse = "0756012345"
        static let physician2 = "810003456782"
        static func denied(_ reason: AccessReason) -> VaultError {
            VaultError.accessDenied(code: reason.code, reason: reason.explanation)
        }

        /// The acts refused in the log, with their reason.
        static func refusals(_ fixture: VaultFixture) throws -> [String] {
            try fixture.vault.store.read { try $0.auditEntries(from: 1, limit: 10_000) }
                .filter { $0.outcome == "refused" }.map { "\($0.action) \($0.reason)" }
        }

        @Test("an administrator's restitution of a live dossier is refused and audited; once asked for, it goes only to a designated professional's validated certificate")
        func administratorRestitution() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            _ = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Note"))
            let admin = try fixture.administratorSession()
            let destination = try ExportFixture.destination(fixture, "host.cms")
            #expect(throws: Self.denied(.restitutionWhileHosted)) {
                try admin.exports.exportRestitution(patient: patient, to: destination, namedRecipients: destination.recipients)
            }
            #expect(!FileManager.default.fileExists(atPath: destination.path))

            try physician.care.recordPatientEvent(.restitutionRequest, patient: patient, statement: "courrier du patient")
            // A certificate the patient never designated, trusted or not, gets nothing.
            #expect(throws: Self.denied(.restitutionRecipientNotDesignated)) {
                try admin.exports.exportRestitution(patient: patient, to: destination)
            }
            let untrusted = ExportDestination(recipients: try X509Certificate.loadPEMFile(TestCard.untrusted.authenticationCertificate.path),
                                              path: destination.path)
            #expect(throws: Self.denied(.restitutionRecipientUntrusted)) {
                try admin.exports.exportRestitution(patient: patient, to: untrusted, namedRecipients: untrusted.recipients)
            }
            #expect(!FileManager.default.fileExists(atPath: destination.path))
            try physician.care.grant(patient: patient, to: Self.physician2)
            _ = try admin.exports.exportRestitution(patient: patient, to: destination)
            #expect(FileManager.default.fileExists(atPath: destination.path))
            #expect(try Self.refusals(fixture) == [
                "export.restitution L1111-8-restitution-host-hosted",
                "export.restitution L1111-8-restitution-recipient",
                "export.restitution L1111-8-restitution-recipient-untrusted",
            ])
        }

        @Test("after an opposition no grant, team grant or consent reaches the opposed professional, even after the rekey")
        func oppositionOutlivesNewGrants() throws {
            let fixture = try VaultFixture()
            let admin = try fixture.administratorSession()
            let team = try admin.administration.createTeam(name: "Soins infirmiers")
            try admin.administration.addTeamMember(team: team, nationalID: Self.nurse)
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Note"))
            try physician.care.grant(patient: patient, to: Self.nurse)
            try physician.care.recordOpposition(patient: patient, against: Self.nurse, statement: "refus exprimé")
            _ = try admin.administration.rekeyPending()

            #expect(throws: Self.denied(.professionalOpposed)) { try physician.care.grant(patient: patient, to: Self.nurse) }
            try physician.care.grantTeam(patient: patient, team: team)
            try physician.care.recordStructureConsent(patient: patient, statement: "consentement oral")
            let nurse = try fixture.session(.nurse)
            #expect(try nurse.care.patients().isEmpty)
            #expect(throws: Self.denied(.professionalOpposed)) { try fixture.read(nurse, patient: patient, record: record.recordID) }
            #expect(try fixture.vault.store.read { reader in
                try reader.grants(patientID: patient.bytes).map(\.fingerprint)
                    + reader.pendingGrants(patientID: patient.bytes).map(\.fingerprint)
            }.allSatisfy { $0 != nurse.fingerprint })
            let refused = try Self.refusals(fixture)
            #expect(refused.contains("grant.add L1110-4-al5-opposition"))
            #expect(refused.contains("grant.receive L1110-4-al5-opposition"))
        }

        @Test("a search answers the same for a patient not here and one not yours; the refusal shows the searcher no patient id")
        func findIsNoOracle() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            #expect(try physician.care.patient(ins: VaultFixture.identity.ins).patientID == patient)
            let stranger = try fixture.session(.physician2)
            let notYours = #expect(throws: VaultError.self) { try stranger.care.patient(ins: VaultFixture.identity.ins) }
            let notHere = #expect(throws: VaultError.self) { try stranger.care.patient(ins: "175027512345729") }
            #expect(notYours == VaultError.noSuchPatient && notHere == VaultError.noSuchPatient)
            let seen = try stranger.auditTrail.auditEntries(AuditQuery(action: "patient.find"))
            #expect(seen.count == 2 && seen.allSatisfy { $0.outcome == "refused" && $0.patientID == nil })
            // The patient's own history names the searcher.
            let history = try physician.auditTrail.auditEntries(AuditQuery(patientID: patient, action: "patient.find"))
            #expect(history.map { "\($0.actor) \($0.outcome)" } == ["810002345671 granted", "\(Self.physician2) refused"])
        }

        @Test("the two-person rule turns on only with two administrators holding the vault key")
        func twoPersonNeedsTwo() throws {
            let fixture = try VaultFixture()
            let admin = try fixture.administratorSession()
            #expect(throws: VaultError.tooFewAdministrators(holding: 1)) { try admin.administration.setTwoPersonRule(true) }
            #expect(try !fixture.vault.twoPersonRule)
            try admin.administration.enrol(try X509Certificate.loadPEMFile(TestCard.admin2.authenticationCertificate.path)[0], asAdministrator: true)
            try admin.administration.setTwoPersonRule(true)
            #expect(try fixture.vault.twoPersonRule)
            #expect(try Self.refusals(fixture) == ["admin.two-person two-person rule: 1 administrator holds the vault key"])
        }

        @Test("a removed professional loses their keys and teams, is refused a session, and can be enrolled again")
        func offboarding() throws {
            let fixture = try VaultFixture()
            let admin = try fixture.administratorSession()
            let team = try admin.administration.createTeam(name: "Cardiologie")
            try admin.administration.addTeamMember(team: team, nationalID: Self.nurse)
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            try physician.care.grant(patient: patient, to: Self.nurse)
            physician.end()
            #expect(try fixture.session(.nurse).care.patients().count == 1)

            #expect(try admin.administration.removeProfessional(nationalID: Self.nurse) == .professional)
            #expect(throws: VaultError.notEnrolled(nationalID: Self.nurse)) { try fixture.session(.nurse) }
            #expect(try fixture.vault.store.read { try $0.members(teamID: team.bytes) }.isEmpty)
            #expect(try fixture.vault.store.read { try $0.pendingRekeys() }.map(\.reason) == ["professional removed"])
            #expect(throws: VaultError.notEnrolled(nationalID: Self.nurse)) { try admin.administration.removeProfessional(nationalID: Self.nurse) }

            try admin.administration.enrol(try X509Certificate.loadPEMFile(TestCard.nurse.authenticationCertificate.path)[0])
            let back = try fixture.session(.nurse)
            #expect(try back.care.patients().isEmpty)
            #expect(throws: VaultError.alreadyEnrolled(nationalID: Self.nurse)) {
                try admin.administration.enrol(try X509Certificate.loadPEMFile(TestCard.nurse.authenticationCertificate.path)[0])
            }
        }

        @Test("after the end of the hosting no listing or search shows the patient; each identity shown is audited by name")
        func identitiesAfterEndOfHosting() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let ended = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let other = try physician.care.createPatient(VaultFixture.secondIdentity, hostingConsent: "signed form")
            #expect(try physician.care.patients().map(\.patientID).sorted() == [ended, other].sorted())
            try physician.care.endHosting(patient: ended, statement: "fin d'hébergement")
            #expect(try physician.care.patients().map(\.patientID) == [other])
            #expect(throws: VaultError.noSuchPatient) { try physician.care.patient(ins: VaultFixture.identity.ins) }
            let admin = try fixture.administratorSession()
            let shown = { (patient: PatientID) in
                try admin.auditTrail.auditEntries(AuditQuery(patientID: patient, action: "patient.list")).filter { $0.outcome == "granted" }.count
            }
            #expect(try shown(ended) == 1 && shown(other) == 2)
        }

        @Test("a card refused for this vault is recorded in its log with the identity it showed", arguments: [TestCard.revoked, .expired, .untrusted])
        func refusedCardAudited(_ card: TestCard) throws {
            let fixture = try VaultFixture()
            let driver = try CPS3ContactDriver(channel: InProcessCardChannel(card: SimulatedCard(profile: card.profile())))
            #expect(throws: CPSCardError.self) {
                try fixture.vault.authenticate(driver) {
                    var digits = Array("1234".utf8)
                    return try PIN(wiping: &digits)
                }
            }
            let certificate = try X509Certificate.loadPEMFile(card.authenticationCertificate.path)[0]
            let refused = try fixture.vault.store.read { try $0.auditEntries(from: 1, limit: 100) }.filter { $0.outcome == "refused" }
            #expect(refused.map(\.action) == ["session.authenticate"])
            #expect(refused.first?.actorFingerprint == certificate.sha256Fingerprint)
        }
    }
}
