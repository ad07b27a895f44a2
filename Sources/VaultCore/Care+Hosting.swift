import Foundation
import VaultCrypto
import VaultStore

extension Care {
    /// Records the end of the patient's hosting (L1111-8): the hosting consent stops standing, so
    /// that nothing but restitution and shredding is allowed about the patient any more. A
    /// professional the patient designated records it, with the statement of how it was decided
    /// (kept sealed under the patient's key, append-only); audited as `patient.end-hosting`.
    public func endHosting(patient: PatientID, statement: String) throws {
        try recordSealedEvent(PolicyEventKind.hostingConsentWithdrawal, action: .endHosting, as: .patientEndHosting,
                              patient: patient, statement: statement)
    }
}
