import Foundation
import VaultCrypto
import VaultStore

extension VaultSession {
    /// Records the patient's refusal that their information reach a professional (L1110-4 al.5):
    /// the opposition is kept (append-only), the professional's grants are removed, and a rekey
    /// of the patient is queued so that keys they may have kept stop opening new records.
    public func recordOpposition(patient: String, against nationalID: String, statement: String) throws {
        let patientID = try patient.opaqueID()
        try authorize(.recordOpposition, patientID: patientID)
        let opposed = try vault.store.read { try $0.professionals() }.filter { $0.nationalID == nationalID }
        guard !opposed.isEmpty else { throw VaultError.notEnrolled(nationalID: nationalID) }
        let key = try patientKey(patientID)
        let now = Date()
        try vault.store.write { writer in
            for professional in opposed {
                let eventID = try SecureRandom.bytes(count: 16)
                try writer.insert(PolicyEvent(
                    eventID: eventID, patientID: patientID, kind: PolicyEventKind.opposition,
                    payload: try SealedBlob.seal(Array(statement.utf8), key: key.key,
                                                 context: policyContext(patientID, eventID: eventID, keyVersion: key.version)),
                    subjectFingerprint: professional.fingerprint, recordedBy: fingerprint, recordedAt: now))
                for grant in try writer.grants(patientID: patientID) where grant.fingerprint == professional.fingerprint {
                    try writer.deleteGrant(patientID: patientID, fingerprint: grant.fingerprint, keyVersion: grant.keyVersion)
                }
                for grant in try writer.pendingGrants(patientID: patientID) where grant.fingerprint == professional.fingerprint {
                    try writer.deletePendingGrant(patientID: patientID, fingerprint: grant.fingerprint, keyVersion: grant.keyVersion)
                }
            }
            if try !writer.pendingRekeys().contains(where: { $0.patientID == patientID }) {
                try writer.insert(PendingRekey(patientID: patientID, reason: "opposition", queuedAt: now))
            }
            try AuditLog.append(event("opposition.record", patientID: patientID, outcome: .granted,
                                      reason: "against \(nationalID); rekey queued"), to: writer)
        }
    }
}
