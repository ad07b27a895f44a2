import CardStackTesting
import CPSCard
import Foundation
import Synchronization
import Testing
@testable import VaultCore
import VaultCrypto

extension VaultTests {
    /// Every public operation of a session passes the gate: governed by a policy that records
    /// what it is asked and allows nothing, each operation is refused with the policy's reason,
    /// asked the action it stands for, and audited as refused under its own act name. Together
    /// the operations ask every `VaultAction`.
    @Suite("The gate decides every operation")
    struct GateCoverageTests {
        /// A policy rule that notes every request and abstains, so that the policy denies all.
        final class Recorder: AccessRule, Sendable {
            let asked = Mutex<[VaultAction]>([])
            func evaluate(_ request: AccessRequest) -> RuleOutcome {
                asked.withLock { $0.append(request.action) }
                return .abstain
            }
        }

        /// One public operation: the action the gate must be asked first, the act its refusal
        /// is audited as, and the call, given a session and the patient, record and team it needs.
        struct Operation: Sendable, CustomTestStringConvertible {
            let name: String
            let action: VaultAction
            let act: AuditAction
            let administrator: Bool
            let call: @Sendable (VaultSession, Subjects) throws -> Void
            var testDescription: String { name }
        }

        /// What the operations act on, made under the standard policy.
        struct Subjects: Sendable {
            let fixture: VaultFixture
            let patient: PatientID
            let record: RecordID
            let team: TeamID
            var destination: ExportDestination {
                get throws { try ExportFixture.destination(fixture, "gate-\(UUID().uuidString).cms") }
            }
            var study: StudyDefinition { get throws { try StudyDefinition(json: ExportFixture.study("gate")) } }
            var certificate: X509Certificate {
                get throws { try X509Certificate.loadPEMFile(TestCard.pharmacist.authenticationCertificate.path)[0] }
            }
        }

        static let professionalOperations: [Operation] = [
            .init(name: "createPatient", action: .createPatient, act: .patientCreate, administrator: false) { session, _ in
                _ = try session.care.createPatient(VaultFixture.identity, hostingConsent: "form")
            },
            .init(name: "patients", action: .listPatients, act: .patientList, administrator: false) { session, _ in
                _ = try session.care.patients()
            },
            .init(name: "addRecord", action: .addRecord, act: .recordAdd, administrator: false) { session, subjects in
                _ = try session.care.addRecord(patient: subjects.patient, contentType: "text/plain", from: subjects.fixture.file("x"))
            },
            .init(name: "readRecord", action: .readRecords, act: .recordRead, administrator: false) { session, subjects in
                _ = try subjects.fixture.read(session, patient: subjects.patient, record: subjects.record)
            },
            .init(name: "records", action: .readRecords, act: .recordList, administrator: false) { session, subjects in
                _ = try session.care.records(patient: subjects.patient)
            },
            .init(name: "history", action: .readRecords, act: .recordHistory, administrator: false) { session, subjects in
                _ = try session.care.history(patient: subjects.patient, recordID: subjects.record)
            },
            .init(name: "grant", action: .grantAccess, act: .grantAdd, administrator: false) { session, subjects in
                try session.care.grant(patient: subjects.patient, to: "0756012345")
            },
            .init(name: "revoke", action: .revokeAccess, act: .grantRevoke, administrator: false) { session, subjects in
                try session.care.revoke(patient: subjects.patient, from: "0756012345")
            },
            .init(name: "grantTeam", action: .grantAccess, act: .teamGrant, administrator: false) { session, subjects in
                try session.care.grantTeam(patient: subjects.patient, team: subjects.team)
            },
            .init(name: "revokeTeam", action: .revokeAccess, act: .teamRevoke, administrator: false) { session, subjects in
                try session.care.revokeTeam(patient: subjects.patient, team: subjects.team)
            },
            .init(name: "recordStructureConsent", action: .recordConsent, act: .consentRecord, administrator: false) { session, subjects in
                try session.care.recordStructureConsent(patient: subjects.patient, statement: "oral")
            },
            .init(name: "withdrawStructureConsent", action: .recordConsent, act: .consentWithdraw, administrator: false) { session, subjects in
                try session.care.withdrawStructureConsent(patient: subjects.patient, statement: "oral")
            },
            .init(name: "recordOpposition", action: .recordOpposition, act: .oppositionRecord, administrator: false) { session, subjects in
                try session.care.recordOpposition(patient: subjects.patient, against: "0756012345", statement: "refus")
            },
            .init(name: "recordPatientEvent", action: .addRecord, act: .patientGraveDiagnosis, administrator: false) { session, subjects in
                try session.care.recordPatientEvent(.graveDiagnosis, patient: subjects.patient, statement: "annonce")
            },
            .init(name: "endHosting", action: .endHosting, act: .patientEndHosting, administrator: false) { session, subjects in
                try session.care.endHosting(patient: subjects.patient, statement: "lettre")
            },
            .init(name: "releaseToRelatives", action: .releaseToRelatives, act: .releaseRelatives, administrator: false) { session, subjects in
                _ = try subjects.fixture.capture { try session.care.releaseToRelatives(patient: subjects.patient, recordIDs: [subjects.record], to: $0) }
            },
            .init(name: "heirAccess", action: .heirAccess, act: .releaseHeirs, administrator: false) { session, subjects in
                _ = try subjects.fixture.capture { try session.care.heirAccess(patient: subjects.patient, recordIDs: [subjects.record], to: $0) }
            },
            .init(name: "exportRestitution", action: .restitutionExport, act: .exportRestitution, administrator: false) { session, subjects in
                _ = try session.exports.exportRestitution(patient: subjects.patient, to: subjects.destination)
            },
            .init(name: "exportStudy", action: .statisticsExport, act: .exportStudy, administrator: false) { session, subjects in
                _ = try session.exports.exportStudy(patients: [subjects.patient], study: subjects.study, format: .csv, to: subjects.destination)
            },
            .init(name: "exportAggregate", action: .statisticsExport, act: .exportAggregate, administrator: false) { session, subjects in
                _ = try session.exports.exportAggregate(patients: [subjects.patient], study: subjects.study, threshold: 11, format: .csv,
                                                to: subjects.destination)
            },
            .init(name: "auditEntries", action: .readAuditLog, act: .auditShow, administrator: false) { session, _ in
                _ = try session.auditTrail.auditEntries(AuditQuery())
            },
        ]

        static let administratorOperations: [Operation] = [
            .init(name: "enrol", action: .enrolProfessional, act: .professionalEnrol, administrator: true) { session, subjects in
                try session.administration.enrol(try subjects.certificate)
            },
            .init(name: "removeProfessional", action: .removeProfessional, act: .professionalRemove, administrator: true) { session, _ in
                try session.administration.removeProfessional(nationalID: "0756012345")
            },
            .init(name: "createTeam", action: .manageCareTeams, act: .teamCreate, administrator: true) { session, _ in
                _ = try session.administration.createTeam(name: "Urgences")
            },
            .init(name: "addTeamMember", action: .manageCareTeams, act: .teamMemberAdd, administrator: true) { session, subjects in
                try session.administration.addTeamMember(team: subjects.team, nationalID: "0756012345")
            },
            .init(name: "removeTeamMember", action: .manageCareTeams, act: .teamMemberRemove, administrator: true) { session, subjects in
                try session.administration.removeTeamMember(team: subjects.team, nationalID: "0756012345")
            },
            .init(name: "administrationStatus", action: .administerKeys, act: .adminStatus, administrator: true) { session, _ in
                _ = try session.administration.administrationStatus()
            },
            .init(name: "settleEscrow", action: .administerKeys, act: .escrowSettle, administrator: true) { session, _ in
                try session.administration.settleEscrow()
            },
            .init(name: "rotateVaultKey", action: .administerKeys, act: .adminRotate, administrator: true) { session, _ in
                _ = try session.administration.rotateVaultKey()
            },
            .init(name: "retireVaultKeys", action: .administerKeys, act: .adminRetire, administrator: true) { session, _ in
                try session.administration.retireVaultKeys(below: 1)
            },
            .init(name: "rekey", action: .administerKeys, act: .adminRekey, administrator: true) { session, subjects in
                _ = try session.administration.rekey(patient: subjects.patient)
            },
            .init(name: "rekeyPending", action: .administerKeys, act: .adminRekey, administrator: true) { session, _ in
                _ = try session.administration.rekeyPending()
            },
            .init(name: "shred", action: .shredPatient, act: .adminShred, administrator: true) { session, subjects in
                _ = try session.administration.shred(patient: subjects.patient)
            },
            .init(name: "setTwoPersonRule", action: .administerKeys, act: .adminTwoPerson, administrator: true) { session, _ in
                try session.administration.setTwoPersonRule(true)
            },
            .init(name: "replaceRecoveryCertificate", action: .administerKeys, act: .adminRecoveryCertificate,
                  administrator: true) { session, subjects in
                try session.administration.replaceRecoveryCertificate(with: try subjects.certificate)
            },
        ]

        static let operations = professionalOperations + administratorOperations

        /// A vault with one patient, one record and one team, made under the standard policy.
        static func subjects() throws -> Subjects {
            let fixture = try VaultFixture()
            let admin = try fixture.administratorSession()
            let team = try admin.administration.createTeam(name: "Cardiologie")
            admin.end()
            let physician = try fixture.session(.physician1)
            defer { physician.end() }
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let record = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Note"))
            return Subjects(fixture: fixture, patient: patient, record: record.recordID, team: team)
        }

        @Test("refused by a policy that allows nothing, asked its action, audited under its act", arguments: operations)
        func everyOperationIsDecided(_ operation: Operation) throws {
            let subjects = try Self.subjects()
            let recorder = Recorder()
            let governed = subjects.fixture.vault.governed(by: Policy(rules: [recorder]))
            let card = try subjects.fixture.card(operation.administrator ? .admin1 : .physician1,
                                                 in: operation.administrator ? subjects.fixture.administrator : subjects.fixture.professional)
            let session = try VaultSession.open(governed, card: card)
            defer { session.end() }
            recorder.asked.withLock { $0.removeAll() }
            let before = try governed.store.read { try $0.auditEntries(from: 1, limit: 100_000) }.count
            #expect(throws: VaultError.accessDenied(code: AccessReason.noRuleAllows.code, reason: AccessReason.noRuleAllows.explanation)) {
                try operation.call(session, subjects)
            }
            #expect(recorder.asked.withLock { $0.first } == operation.action)
            let written = try governed.store.read { try $0.auditEntries(from: Int64(before + 1), limit: 100) }
            #expect(written.map { "\($0.action) \($0.outcome) \($0.reason)" } == ["\(operation.act.rawValue) refused no-rule-allows"])
        }

        @Test("together the operations ask every action; a grant's recipient is decided too")
        func everyActionIsAsked() throws {
            let subjects = try Self.subjects()
            let recorder = Recorder()
            let allowingAll = Policy(rules: [recorder, AllowRule()])
            let physician = try VaultSession.open(subjects.fixture.vault.governed(by: allowingAll),
                                                  card: subjects.fixture.card(.physician1, in: subjects.fixture.professional))
            defer { physician.end() }
            try physician.care.grant(patient: subjects.patient, to: "0756012345")
            let asked = Set(Self.operations.map(\.action)).union(recorder.asked.withLock { $0 })
            #expect(recorder.asked.withLock { $0 }.contains(.receivePatientKey))
            #expect(asked == Set(VaultAction.allCases))
        }

        /// Allows whatever reaches it.
        struct AllowRule: AccessRule {
            func evaluate(_ request: AccessRequest) -> RuleOutcome {
                .allow(AccessReason(code: "test-allow", explanation: "Allowed by the test."))
            }
        }
    }
}
