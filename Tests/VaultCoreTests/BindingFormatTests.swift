import Foundation
import Testing
@testable import VaultCore
import VaultStore

/// The bound access facts' encoding against the golden vector of docs/FORMAT.md, which a third
/// party's script rebuilds from the description alone.
@Suite("Bound access facts, format")
struct BindingFormatTests {
    static let key = BindingKey.patient(Array(0..<16))

    @Test("a patient's key name and empty digest are the documented ones")
    func keyAndEmptyDigest() {
        #expect(Self.key.name.hexString == "485EDC166A35E099264733B9AB79E4E89BAB86888C4FDD2E4B6DAA644AE2452F")
        #expect(BindingState.empty(keyName: Self.key.name).hexString
            == "4402C2593B8CBF51177B248609DACFD6DD1C5ED62881F59DD4F76E07A8FA0406")
    }

    @Test("a patient with one grant has the documented digest, whatever the order of rows")
    func patientDigest() {
        let patient = Patient(patientID: Array(0..<16), blindIndex: Array(repeating: 0, count: 32), identity: [],
                              currentKeyVersion: 1, createdAt: Date(timeIntervalSince1970: 0))
        let grant = Grant(patientID: patient.patientID, fingerprint: Array(32..<64), keyVersion: 1, wrappedKey: [1],
                          grantedBy: Array(32..<64), grantedAt: Date(timeIntervalSince1970: 0))
        let digest = BindingState.patientDigest(Self.key, patient: patient, grants: [grant], pendingGrants: [], teamGrants: [], events: [])
        #expect(digest.hexString == "9F08D179E315B911498AB4D393970E83B8DC37B98A06319678CD2701D81DB3C0")
        var withdrawn = grant
        withdrawn.keyVersion = 2
        #expect(BindingState.patientDigest(Self.key, patient: patient, grants: [grant, withdrawn], pendingGrants: [], teamGrants: [], events: [])
            == BindingState.patientDigest(Self.key, patient: patient, grants: [withdrawn, grant], pendingGrants: [], teamGrants: [], events: []))
    }

    @Test("the store indexes binding entries under the action the log writes")
    func actionName() {
        #expect(AuditAction.bindingState.rawValue == AuditEntry.bindingAction)
    }
}
