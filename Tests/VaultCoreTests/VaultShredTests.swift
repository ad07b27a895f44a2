import CardStackTesting
import Foundation
import Testing
@testable import VaultCore
import VaultCrypto
import VaultStore

extension VaultTests {
    /// The end of a patient's hosting and crypto-shredding, through the real card stack.
    @Suite("Ending the hosting and shredding")
    struct VaultShredTests {
        @Test("only a designated professional ends the hosting; shredding waits for it and is the administrators'")
        func endOfHostingGatesShredding() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let admin = try fixture.administratorSession()
            #expect(throws: VaultError.accessDenied(code: "L1111-8-hosting-ongoing", reason: AccessReason.hostingOngoing.explanation)) {
                try admin.administration.shred(patient: patient)
            }
            #expect(throws: VaultError.self) { try admin.care.endHosting(patient: patient, statement: "contrat résilié") }
            let stranger = try fixture.session(.physician2)
            #expect(throws: VaultError.accessDenied(code: "L1111-8-end-hosting-not-designated",
                                                    reason: AccessReason.endOfHostingNeedsDesignatedProfessional.explanation)) {
                try stranger.care.endHosting(patient: patient, statement: "")
            }
            let designated = try fixture.session(.physician1)
            try designated.care.endHosting(patient: patient, statement: "lettre du patient")
            #expect(throws: VaultError.accessDenied(code: "L1111-8-hosting-ended", reason: AccessReason.hostingAlreadyEnded.explanation)) {
                try designated.care.endHosting(patient: patient, statement: "")
            }
            #expect(throws: VaultError.self) { try designated.administration.shred(patient: patient) }
            _ = try admin.administration.shred(patient: patient)
            let log = try admin.auditTrail.auditEntries(AuditQuery(patientID: patient))
            #expect(log.filter { $0.outcome == "refused" }.map(\.action).sorted()
                    == ["admin.shred", "patient.end-hosting", "patient.end-hosting", "patient.end-hosting"])
            let refusedAdministration = try admin.auditTrail.auditEntries(AuditQuery(action: "admin.session"))
            #expect(refusedAdministration.map { "\($0.outcome) \($0.reason)" } == ["refused L1111-8-admin-only"])
            #expect(log.contains { $0.action == "patient.end-hosting" && $0.outcome == "granted" })
        }

        @Test("after shredding nothing of the patient opens with the database, the vault key and an administrator's card")
        func shreddedIsUnrecoverable() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let big = Data((0..<(2 * 65_536 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 8) })
            let record = try physician.care.addRecord(patient: patient, contentType: "application/octet-stream", from: fixture.file(big))
            try physician.care.grant(patient: patient, to: VaultRekeyTests.nurse)
            let other = try physician.care.createPatient(PatientIdentity(familyName: "Martin", givenNames: "Paul", birthDate: "1950-01-02",
                                                                   sex: "M", ins: "150017512345675", address: "1 rue Haute, Lyon"),
                                                   hostingConsent: "signed form")
            let otherRecord = try physician.care.addRecord(patient: other, contentType: "text/plain", from: fixture.file("Autre patient"))
            try physician.care.endHosting(patient: patient, statement: "fin de l'hébergement")
            let patientID = patient.bytes
            let admin = try fixture.administratorSession()
            let stored = try fixture.vault.store.read { try $0.patient(id: patientID) }
            let material = try VaultRekeyTests.keyMaterial(fixture.vault, patientID)
                + [try #require(stored).identity, try #require(stored).blindIndex]
                + fixture.vault.store.read { try $0.policyEvents(patientID: patientID).map(\.payload) }

            #expect(try material.allSatisfy { try VaultRekeyTests.onDisk($0, fixture.vault) }, "the search finds what is stored")
            let report = try admin.administration.shred(patient: patient)
            #expect(report.recordVersions == 1 && report.policyEvents == 2 && report.keyCopies == 3)

            for bytes in material {
                #expect(try !VaultRekeyTests.onDisk(bytes, fixture.vault), "shredded bytes are still on disk")
            }
            let row = try #require(try fixture.vault.store.read { try $0.patient(id: patientID) })
            #expect(row.shreddedAt != nil && row.identity.isEmpty && row.blindIndex != stored?.blindIndex)
            let vaultKey = try admin.openVaultKey(try #require(try admin.liveVaultKeyVersions().first))
            try fixture.vault.store.read { reader in
                #expect(try reader.escrowKeys(patientID: patientID).isEmpty)
                #expect(try reader.grants(patientID: patientID).isEmpty && reader.pendingGrants(patientID: patientID).isEmpty)
                #expect(try reader.recordVersions(patientID: patientID).isEmpty && reader.policyEvents(patientID: patientID).isEmpty)
                // The vault key opens every escrow copy left, and none is the shredded patient's.
                for patient in try reader.patients() {
                    for copy in try reader.escrowKeys(patientID: patient.patientID) {
                        #expect(copy.patientID != patientID)
                        _ = try vaultKey.open(copy)
                    }
                }
            }

            let after = try fixture.session(.physician1)
            #expect(throws: VaultError.accessDenied(code: "L1111-8-shredded", reason: AccessReason.patientShredded.explanation)) {
                try fixture.read(after, patient: patient, record: record.recordID)
            }
            #expect(throws: VaultError.self) { try after.care.patient(ins: VaultFixture.identity.ins) }
            #expect(try fixture.read(after, patient: other, record: otherRecord.recordID) == Data("Autre patient".utf8))
            #expect(try after.care.patients().map(\.identity.familyName) == ["Martin"])
            #expect(throws: VaultError.self) { try admin.administration.shred(patient: patient) }
            #expect(throws: VaultError.self) { try admin.administration.rekey(patient: patient) }
            let log = try admin.auditTrail.auditEntries(AuditQuery(patientID: patient)).suffix(4)
            #expect(log.map { "\($0.action) \($0.outcome)" } == ["admin.shred granted", "record.read refused", "admin.shred refused", "admin.rekey refused"])
            #expect(try AuditVerifier.verify(fixture.vault).isIntact)
        }
    }
}
