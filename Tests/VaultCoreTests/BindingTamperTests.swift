import CardStackTesting
import Foundation
import Testing
@testable import VaultCore
import VaultCrypto
import VaultStore

extension VaultTests {
    /// What someone with write access to the database changes among the rows that decide access,
    /// with the triggers out of the way: each change is refused as tampering by the next session
    /// that relies on it, the refusal is audited, and `audit verify` reports it, on both backends.
    @Suite("Tampering with what decides access")
    struct BindingTamperTests {
        static let nurse = "0756012345"
        static let physician2 = "810003456782"

        /// One change made outside the vault: what the vault holds before, the statements, and what
        /// a session then tries.
        struct Attack: Sendable, CustomTestStringConvertible {
            let name: String
            let tables: [String]
            let statements: [String]
            /// Prepares the vault; returns the patient concerned, if any.
            let prepare: @Sendable (VaultFixture) throws -> PatientID?
            /// What the victim tries, which must be refused as tampering.
            let attempt: @Sendable (VaultFixture, PatientID?) throws -> Void
            var testDescription: String { name }
        }

        static func patientWithRecord(_ fixture: VaultFixture) throws -> PatientID {
            let physician = try fixture.session(.physician1)
            defer { physician.end() }
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            _ = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Tension 12/8"))
            return patient
        }

        static func openRecords(_ card: TestCard) -> @Sendable (VaultFixture, PatientID?) throws -> Void {
            { fixture, patient in
                let session = try fixture.session(card)
                defer { session.end() }
                _ = try session.care.records(patient: try #require(patient))
            }
        }

        static let attacks: [Attack] = [
            Attack(name: "a physician promoted to administrator", tables: ["professional"],
                   statements: ["UPDATE professional SET role = 'admin' WHERE national_id = '\(physician2)'"],
                   prepare: { _ in nil }, attempt: { fixture, _ in try fixture.session(.physician2).end() }),
            Attack(name: "a deleted opposition", tables: ["policy_event"],
                   statements: ["DELETE FROM policy_event WHERE kind = 'opposition'"],
                   prepare: { fixture in
                       let patient = try patientWithRecord(fixture)
                       let physician = try fixture.session(.physician1)
                       defer { physician.end() }
                       try physician.care.grant(patient: patient, to: physician2)
                       try physician.care.recordOpposition(patient: patient, against: physician2, statement: "refus du patient")
                       return patient
                   }, attempt: openRecords(.physician2)),
            Attack(name: "a disabled two-person rule", tables: ["vault_metadata"],
                   statements: ["UPDATE vault_metadata SET two_person_rule = 0"],
                   prepare: { fixture in
                       let admin = try fixture.administratorSession()
                       defer { admin.end() }
                       try admin.administration.enrol(try X509Certificate.loadPEMFile(TestCard.admin2.authenticationCertificate.path)[0], asAdministrator: true)
                       try admin.administration.setTwoPersonRule(true)
                       return nil
                   }, attempt: { fixture, _ in _ = try fixture.vault.twoPersonRule }),
            Attack(name: "an inserted grant", tables: ["key_grant"],
                   statements: ["""
                       INSERT INTO key_grant (patient_id, fingerprint, key_version, wrapped_key, granted_by, granted_at)
                       SELECT patient_id, (SELECT fingerprint FROM professional WHERE national_id = '\(physician2)'),
                              key_version, wrapped_key, granted_by, granted_at FROM key_grant
                       """],
                   prepare: patientWithRecord, attempt: openRecords(.physician2)),
            Attack(name: "a deleted grant", tables: ["key_grant"], statements: ["DELETE FROM key_grant"],
                   prepare: patientWithRecord, attempt: openRecords(.physician1)),
            Attack(name: "an inserted team membership", tables: ["team_member"],
                   statements: ["""
                       INSERT INTO team_member (team_id, fingerprint, added_at)
                       SELECT team_id, (SELECT fingerprint FROM professional WHERE national_id = '\(nurse)'), created_at FROM team
                       """],
                   prepare: { fixture in
                       let admin = try fixture.administratorSession()
                       defer { admin.end() }
                       _ = try admin.administration.createTeam(name: "Cardiologie")
                       return nil
                   }, attempt: { fixture, _ in try fixture.session(.nurse).end() }),
            Attack(name: "a deleted team membership", tables: ["team_member"], statements: ["DELETE FROM team_member"],
                   prepare: { fixture in
                       let admin = try fixture.administratorSession()
                       defer { admin.end() }
                       try admin.administration.addTeamMember(team: try admin.administration.createTeam(name: "Cardiologie"), nationalID: nurse)
                       return nil
                   }, attempt: { fixture, _ in try fixture.session(.nurse).end() }),
            Attack(name: "a deleted consent", tables: ["policy_event"],
                   statements: ["DELETE FROM policy_event WHERE kind = 'consent'"],
                   prepare: { fixture in
                       let patient = try patientWithRecord(fixture)
                       let physician = try fixture.session(.physician1)
                       defer { physician.end() }
                       try physician.care.recordStructureConsent(patient: patient, statement: "partage accepté")
                       return patient
                   }, attempt: openRecords(.physician1)),
        ]

        @Test("a change outside the vault to what decides access is refused as tampering, audited and reported by audit verify",
              arguments: VaultBackend.available, attacks)
        func tamperingIsRefused(backend: VaultBackend, attack: Attack) throws {
            let fixture = try VaultFixture(backend: backend)
            let patient = try attack.prepare(fixture)
            #expect(try AuditVerifier.verify(fixture.vault).isIntact, "the vault before the attack")
            try fixture.backing.tamper(tables: attack.tables, attack.statements)

            let thrown = #expect(throws: VaultError.self) { try attack.attempt(fixture, patient) }
            guard case .tampered? = thrown else {
                Issue.record("\(attack.name): expected tampering, got \(String(describing: thrown))")
                return
            }
            let entries = try fixture.vault.store.read { try $0.auditEntries(from: 1, limit: 100_000) }
            #expect(entries.last?.outcome == "refused" && entries.last?.reason.hasPrefix("tampered: ") == true,
                    "the refusal is the newest entry: \(String(describing: entries.last))")
            let report = try AuditVerifier.verify(fixture.vault)
            #expect(report.problems.contains { $0.contains("changed outside the audit log") }, "\(report.problems)")
        }

        @Test("legitimate changes stay verifiable: each is stated in the log and audit verify finds nothing", arguments: VaultBackend.available)
        func legitimateChanges(backend: VaultBackend) throws {
            let fixture = try VaultFixture(backend: backend)
            let patient = try Self.patientWithRecord(fixture)
            let physician = try fixture.session(.physician1)
            try physician.care.grant(patient: patient, to: Self.physician2)
            try physician.care.revoke(patient: patient, from: Self.physician2)
            try physician.care.grant(patient: patient, to: Self.physician2)
            try physician.care.recordStructureConsent(patient: patient, statement: "partage accepté")
            try physician.care.recordOpposition(patient: patient, against: Self.physician2, statement: "refus du patient")
            physician.end()
            let admin = try fixture.administratorSession()
            try admin.administration.addTeamMember(team: try admin.administration.createTeam(name: "Cardiologie"), nationalID: Self.nurse)
            _ = try admin.administration.rekeyPending()
            admin.end()
            let report = try AuditVerifier.verify(fixture.vault)
            #expect(report.isIntact, "\(report.problems)")
            let statements = try fixture.vault.store.read { try $0.latestBindings() }
            // The settings, four enrolments (admin, physician-1, nurse, physician-2) and the patient.
            #expect(statements.count == 6)
        }

        @Test("a deleted patient row is tampering, not an unknown patient", arguments: VaultBackend.available)
        func deletedPatient(backend: VaultBackend) throws {
            let fixture = try VaultFixture(backend: backend)
            let patient = try Self.patientWithRecord(fixture)
            try fixture.backing.tamper(tables: ["patient", "record_segment", "record_version", "key_grant", "escrow_key", "policy_event"], [
                "DELETE FROM record_segment", "DELETE FROM record_version", "DELETE FROM key_grant", "DELETE FROM escrow_key",
                "DELETE FROM policy_event", "DELETE FROM patient",
            ])
            let physician = try fixture.session(.physician1)
            #expect(throws: VaultError.tampered("\(BindingKey.patient(patient.bytes).description) changed outside the audit log")) {
                try physician.care.records(patient: patient)
            }
            #expect(try !AuditVerifier.verify(fixture.vault).isIntact)
        }

        @Test("a vault written before access facts were bound is bound as it stands when opened, its log still verifiable",
              arguments: VaultBackend.available)
        func adoption(backend: VaultBackend) throws {
            let fixture = try VaultFixture(backend: backend)
            let patient = try Self.patientWithRecord(fixture)
            let admin = try fixture.administratorSession()
            _ = try admin.administration.createTeam(name: "Cardiologie")
            admin.end()
            // As the earlier format left it: format version 1, and a membership no entry states.
            try fixture.backing.tamper(tables: ["vault_metadata", "team_member"], [
                "UPDATE vault_metadata SET format_version = 1",
                """
                INSERT INTO team_member (team_id, fingerprint, added_at)
                SELECT team_id, (SELECT fingerprint FROM professional WHERE national_id = '\(Self.nurse)'), 0 FROM team
                """,
            ])
            let reopened = try fixture.backing.open(trust: fixture.trust)
            #expect(try reopened.store.read { try $0.metadata()?.formatVersion } == BindingAdoption.formatVersion)
            #expect(try AuditVerifier.verify(reopened).isIntact)
            let nurse = try VaultSession.open(reopened, card: try fixture.card(.nurse, in: fixture.professional))
            nurse.end()
            #expect(try VaultSession.open(reopened, card: try fixture.card(.physician1, in: fixture.professional))
                .care.records(patient: patient).count == 1)
        }
    }
}
