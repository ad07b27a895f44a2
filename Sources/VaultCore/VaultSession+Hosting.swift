import Foundation
import VaultCrypto
import VaultStore

extension VaultSession {
    /// Records the end of the patient's hosting (L1111-8): the hosting consent stops standing, so
    /// that nothing but restitution and shredding is allowed about the patient any more. A
    /// professional the patient designated records it, with the statement of how it was decided
    /// (kept sealed under the patient's key, append-only); audited as `patient.end-hosting`.
    public func endHosting(patient: String, statement: String) throws {
        let patientID = try patient.opaqueID()
        try authorize(.endHosting, patientID: patientID)
        let key = try patientKey(patientID)
        let now = Date()
        try vault.store.write { writer in
            try writer.insert(try policyEvent(PolicyEventKind.hostingConsentWithdrawal, patientID: patientID, statement: statement,
                                              subject: nil, key: key, at: now))
            try AuditLog.append(event("patient.end-hosting", patientID: patientID, outcome: .granted), to: writer)
        }
    }
}
