import CardStackTesting
import Foundation
import Testing
@testable import VaultCore

extension VaultTests {
    /// Sharing a patient's information beyond their designated professionals, through the real card
    /// stack: establishment care teams (L1110-4 al.3), the health centre's consent (al.4), relatives
    /// after a grave diagnosis (al.8) and heirs after death (al.9). Every refusal is checked in the
    /// audit log.
    @Suite("Care teams, health-centre consent, relatives and heirs through the card stack")
    struct CareSharingTests {
        static let nurse = "0756012345"
        static let physician2 = "810003456782"

        @Test("a member of a team the patient is entrusted to opens the patient; one added later gets the key at the next key holder's session")
        func teamMemberOpensPatient() throws {
            let fixture = try VaultFixture()
            let admin = try fixture.administratorSession()
            let team = try admin.administration.createTeam(name: "Cardiologie, unité 3")
            try admin.administration.addTeamMember(team: team, nationalID: Self.nurse)

            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("ECG normal"))
            try physician.care.grantTeam(patient: patient, team: team)
            physician.end()

            let nurse = try fixture.session(.nurse)
            #expect(try fixture.read(nurse, patient: patient, record: record.recordID) == Data("ECG normal".utf8))
            nurse.end()

            try admin.administration.addTeamMember(team: team, nationalID: Self.physician2)
            let beforeSync = try fixture.session(.physician2)
            #expect(throws: VaultError.noSuchPatient) { try fixture.read(beforeSync, patient: patient, record: record.recordID) }
            beforeSync.end()
            try fixture.session(.physician1).end()
            let afterSync = try fixture.session(.physician2)
            #expect(try fixture.read(afterSync, patient: patient, record: record.recordID) == Data("ECG normal".utf8))
            let log = try afterSync.auditTrail.auditEntries(AuditQuery(patientID: patient, action: "team"))
            #expect(log.map(\.action) == ["team.grant", "team.grant.sync"])
            #expect(try AuditVerifier.verify(fixture.vault).isIntact)
        }

        @Test("a member removed from the team is refused, audited, and a rekey is queued; a professional cannot manage teams")
        func removedMemberRefused() throws {
            let fixture = try VaultFixture()
            let admin = try fixture.administratorSession()
            let team = try admin.administration.createTeam(name: "Urgences")
            try admin.administration.addTeamMember(team: team, nationalID: Self.nurse)
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Fracture"))
            try physician.care.grantTeam(patient: patient, team: team)
            #expect(throws: VaultError.accessDenied(code: "L1111-8-admin-only", reason: AccessReason.administratorsOnly.explanation)) {
                try physician.administration.addTeamMember(team: team, nationalID: Self.physician2)
            }
            physician.end()
            try fixture.session(.nurse).end()

            try admin.administration.removeTeamMember(team: team, nationalID: Self.nurse)
            #expect(try fixture.vault.store.read { try $0.pendingRekeys() }.map(\.reason) == ["care team member removed"])
            let removed = try fixture.session(.nurse)
            #expect(refusalCode { _ = try fixture.read(removed, patient: patient, record: record.recordID) } == "L1110-4-al4-no-consent")
            removed.end()

            let auditor = try fixture.session(.physician1)
            let refusals = try auditor.auditTrail.auditEntries(AuditQuery()).filter { $0.outcome == "refused" }
            #expect(refusals.contains { $0.actor == Self.nurse && $0.action == "record.read" && $0.patientID == patient
                && $0.reason == "L1110-4-al4-no-consent" })
            #expect(refusals.contains { $0.action == "admin.session" && $0.reason == "L1111-8-admin-only" })
            try auditor.care.revokeTeam(patient: patient, team: team)
            #expect(try fixture.read(auditor, patient: patient, record: record.recordID) == Data("Fracture".utf8))
        }

        @Test("the health centre's sharing consent lets its professionals in; its withdrawal shuts them out")
        func structureConsent() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Vaccins à jour"))
            try physician.care.recordStructureConsent(patient: patient, statement: "consentement signé le 22/11")
            physician.end()

            let nurse = try fixture.session(.nurse)
            #expect(try fixture.read(nurse, patient: patient, record: record.recordID) == Data("Vaccins à jour".utf8))
            nurse.end()

            let withdrawing = try fixture.session(.physician1)
            try withdrawing.care.withdrawStructureConsent(patient: patient, statement: "retrait signé le 30/11")
            withdrawing.end()
            #expect(try fixture.vault.store.read { try $0.pendingRekeys() }.map(\.reason) == ["structure consent withdrawn"])

            let shutOut = try fixture.session(.nurse)
            #expect(refusalCode { _ = try fixture.read(shutOut, patient: patient, record: record.recordID) } == "L1110-4-al4-no-consent")
            let refusals = try shutOut.auditTrail.auditEntries(AuditQuery(patientID: patient, actorNationalID: Self.nurse)).filter { $0.outcome == "refused" }
            #expect(refusals.map(\.reason) == ["L1110-4-al4-no-consent"])
            shutOut.end()

            let physicianAgain = try fixture.session(.physician1)
            #expect(try fixture.read(physicianAgain, patient: patient, record: record.recordID) == Data("Vaccins à jour".utf8))
        }

        @Test("after a grave diagnosis the physician releases records to relatives; a nurse cannot, nor anyone once the patient objects")
        func releaseToRelatives() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let first = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Diagnostic. "))
            let second = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Pronostic."))
            try physician.care.grant(patient: patient, to: Self.nurse)
            #expect(refusalCode {
                _ = try fixture.capture { try physician.care.releaseToRelatives(patient: patient, recordIDs: [first.recordID], to: $0) }
            } == "L1110-4-al8-no-grave-diagnosis")
            try physician.care.recordPatientEvent(.graveDiagnosis, patient: patient, statement: "annoncé le 22/11")
            let released = try fixture.capture {
                try physician.care.releaseToRelatives(patient: patient, recordIDs: [first.recordID, second.recordID], to: $0)
            }
            #expect(released == Data("Diagnostic. Pronostic.".utf8))
            physician.end()

            let nurse = try fixture.session(.nurse)
            #expect(refusalCode {
                _ = try fixture.capture { try nurse.care.releaseToRelatives(patient: patient, recordIDs: [first.recordID], to: $0) }
            } == "L1110-4-al8-physician-only")
            try nurse.care.recordPatientEvent(.relativesObjection, patient: patient, statement: "refus exprimé le 23/11")
            nurse.end()

            let objected = try fixture.session(.physician1)
            #expect(refusalCode {
                _ = try fixture.capture { try objected.care.releaseToRelatives(patient: patient, recordIDs: [first.recordID], to: $0) }
            } == "L1110-4-al8-objection")
            let log = try objected.auditTrail.auditEntries(AuditQuery(patientID: patient))
            #expect(log.filter { $0.action == "release.relatives" && $0.outcome == "granted" }.count == 1)
            #expect(log.filter { $0.action == "release.relatives" && $0.outcome == "refused" }.map { "\($0.actor) \($0.outcome) \($0.reason)" } == [
                "\(objected.professional.nationalID.rawValue) refused L1110-4-al8-no-grave-diagnosis",
                "\(Self.nurse) refused L1110-4-al8-physician-only",
                "\(objected.professional.nationalID.rawValue) refused L1110-4-al8-objection",
            ])
            #expect(log.contains { $0.action == "patient.graveDiagnosis" } && log.contains { $0.action == "patient.relativesObjection" })
        }

        @Test("heirs get records only after death, and never when the patient objected before death")
        func heirAccess() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Cause du décès"))
            #expect(refusalCode {
                _ = try fixture.capture { try physician.care.heirAccess(patient: patient, recordIDs: [record.recordID], to: $0) }
            } == "L1110-4-al9-not-deceased")
            try physician.care.recordPatientEvent(.deceased, patient: patient, statement: "certificat de décès du 01/12")
            #expect(try fixture.capture { try physician.care.heirAccess(patient: patient, recordIDs: [record.recordID], to: $0) }
                == Data("Cause du décès".utf8))

            let objecting = try physician.care.createPatient(VaultFixture.secondIdentity, hostingConsent: "signed form")
            let secret = try physician.care.addRecord(patient: objecting, contentType: "text/plain", from: fixture.file("Secret"))
            try physician.care.recordPatientEvent(.heirObjection, patient: objecting, statement: "volonté écrite du 10/10")
            try physician.care.recordPatientEvent(.deceased, patient: objecting, statement: "certificat de décès du 02/12")
            #expect(refusalCode {
                _ = try fixture.capture { try physician.care.heirAccess(patient: objecting, recordIDs: [secret.recordID], to: $0) }
            } == "L1110-4-al9-objection")

            let log = try physician.auditTrail.auditEntries(AuditQuery(actorNationalID: physician.professional.nationalID.rawValue))
            #expect(log.filter { $0.action == "release.heirs" && $0.outcome == "refused" }.map { "\($0.patientID?.description ?? "-") \($0.outcome) \($0.reason)" } == [
                "\(patient) refused L1110-4-al9-not-deceased",
                "\(objecting) refused L1110-4-al9-objection",
            ])
            #expect(log.filter { $0.action == "release.heirs" && $0.outcome == "granted" }.map(\.patientID) == [patient])
        }


        /// The policy code of the refusal `body` ends with, nil if it succeeds, or the error.
        private func refusalCode(_ body: () throws -> Void) -> String? {
            do {
                try body()
                return nil
            } catch VaultError.accessDenied(let code, _) {
                return code
            } catch {
                return "\(error)"
            }
        }
    }
}
