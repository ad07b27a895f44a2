import CardStackTesting
import Foundation
import Testing
@testable import VaultCore
import VaultCrypto
import VaultStore

extension VaultTests {
    /// What someone with write access to the database can change, and how the vault notices:
    /// each is refused as tampering, never answered as if nothing were wrong.
    @Suite("Tampering with what finds patients")
    struct VaultTamperTests {
        @Test("two patients' blind indexes swapped: a search by INS reports tampering instead of the other patient")
        func swappedBlindIndexes() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let first = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let second = try physician.care.createPatient(VaultFixture.secondIdentity, hostingConsent: "signed form")
            try fixture.vault.store.write { writer in
                guard var a = try writer.patient(id: first.bytes),
                      var b = try writer.patient(id: second.bytes) else { throw VaultError.noSuchPatient }
                let (indexA, indexB) = (a.blindIndex, b.blindIndex)
                a.blindIndex = try SecureRandom.bytes(count: 32)
                try writer.update(a)
                b.blindIndex = indexA
                try writer.update(b)
                a.blindIndex = indexB
                try writer.update(a)
            }
            #expect(throws: VaultError.tampered("the patient index (a search by INS led to another patient's identity)")) {
                try physician.care.patient(ins: VaultFixture.identity.ins)
            }
            let failed = try fixture.vault.store.read { try $0.auditEntries(from: 1, limit: 1000) }
                .filter { $0.action == "patient.find" && $0.outcome == "failed" }
            #expect(failed.count == 1 && failed.first?.patientID == second.bytes)
        }
    }
}
