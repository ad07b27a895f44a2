import CardStackTesting
import Foundation
import Testing
@testable import VaultCore

extension VaultTests {
    /// The audit log in the clear names the actor and opaque ids only: whom a patient opposed and
    /// to whom their key went are sealed under the patient's key, which `audit show` opens for
    /// the patient's professionals.
    @Suite("Sealed audit details")
    struct SealedDetailTests {
        static let physician2 = "810003456782"

        @Test("grant, revoke and opposition reasons are sealed in the store; the patient's physician reads them, the administrator does not",
              arguments: VaultBackend.available)
        func relationshipsAreSealed(backend: VaultBackend) throws {
            let fixture = try VaultFixture(backend: backend)
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            try physician.care.grant(patient: patient, to: Self.physician2)
            try physician.care.revoke(patient: patient, from: Self.physician2)
            try physician.care.recordOpposition(patient: patient, against: Self.physician2, statement: "refus du patient")

            let stored = try fixture.vault.store.read { try $0.auditEntries(from: 1, limit: 10_000) }
                .filter { $0.patientID == patient.bytes }
            #expect(!stored.isEmpty && !stored.contains { $0.reason.contains(Self.physician2) })
            let acts = ["grant.add", "grant.revoke", "opposition.record"]
            #expect(stored.filter { acts.contains($0.action) }.allSatisfy { $0.reason.hasPrefix("sealed:v1:") })

            let shown = try physician.auditTrail.auditEntries(AuditQuery(patientID: patient)).filter { acts.contains($0.action) }
            #expect(shown.map(\.reason) == ["to \(Self.physician2)", "from \(Self.physician2)", "against \(Self.physician2); rekey queued"])
            physician.end()

            let admin = try fixture.administratorSession()
            let seen = try admin.auditTrail.auditEntries(AuditQuery(patientID: patient)).filter { acts.contains($0.action) }
            #expect(seen.count == 3 && seen.allSatisfy { $0.reason == "sealed under the patient's key version 1" })
        }
    }
}
