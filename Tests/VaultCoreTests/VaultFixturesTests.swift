import Foundation
import Testing
@testable import VaultCore
import VaultFixtures

extension VaultTests {
    /// The bulk fixtures of VaultFixtures, which the benchmarks build their vaults with: what
    /// they write is what the vault's own operations find, and the log they leave verifies.
    @Suite("Bulk fixtures")
    struct VaultFixturesTests {
        @Test("placeholder patients are escrowed under the newest vault key, audited once, and a rotation rewraps each")
        func placeholderPatientsRotate() throws {
            let fixture = try VaultFixture()
            let admin = try fixture.administratorSession()
            defer { admin.end() }
            try admin.administration.addEscrowedPlaceholderPatients(count: 25, batch: 10)
            #expect(try fixture.vault.store.read { try $0.escrowKeys(vaultKeyVersion: 1, limit: 100) }.count == 25)
            let audited = try fixture.vault.store.read { try $0.auditEntries(from: 1, limit: 100_000) }
                .filter { $0.action == AuditAction.fixturePatients.rawValue }
            #expect(audited.map { "\($0.outcome) \($0.reason)" } == ["granted 25 placeholder patients escrowed under v1"])
            #expect(try admin.administration.rotateVaultKey().rewrapped == 25)
        }

        @Test("record reads appended in bulk join the log in order, and it verifies intact")
        func recordReadsVerify() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            defer { physician.end() }
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            try fixture.vault.auditRecordReads(3..<6, by: physician, patient: patient)
            try physician.auditTrail.signAuditCheckpoint()
            let reads = try fixture.vault.store.read { try $0.auditEntries(from: 1, limit: 100_000) }
                .filter { $0.action == AuditAction.recordRead.rawValue }
            #expect(reads.map(\.reason) == (3..<6).map { "record \(String(format: "%032x", $0)) v1" })
            #expect(reads.allSatisfy { $0.patientID == patient.bytes && $0.actorFingerprint == physician.fingerprint })
            #expect(try AuditVerifier.verify(fixture.vault, witnessFolder: fixture.folder.appendingPathComponent("witness")).isIntact)
        }
    }
}
