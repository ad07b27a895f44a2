import Foundation
import VaultCrypto
import VaultStore

extension Care {
    /// Records a grave diagnosis, a death or one of the patient's objections (L1110-4 al.8-9)
    /// with the statement of how it was established, sealed under the patient's key. The
    /// recording professional must be in the patient's care; the event is audited as
    /// `patient.<event>`.
    public func recordPatientEvent(_ patientEvent: PatientEvent, patient: PatientID, statement: String) throws {
        try recordSealedEvent(patientEvent.kind, action: patientEvent.action, as: patientEvent.auditAction,
                              patient: patient, statement: statement)
    }

    /// Records a policy event about the patient as a whole, once `action` is allowed: its
    /// statement sealed under the patient's key, audited as `act`.
    func recordSealedEvent(_ kind: String, action: VaultAction, as act: AuditAction, patient: PatientID, statement: String) throws {
        let patientID = patient.bytes
        let admission = try admit(action, patient: patientID, as: act)
        let key = try patientKey(patientID)
        let now = Date()
        try vault.store.write { writer in
            try writer.insert(try policyEvent(kind, patientID: patientID, statement: statement, subject: nil, key: key, at: now))
            try AuditLog.append(admission.granted(), to: writer)
        }
    }

    /// A new policy event by this professional: `statement` (how the consent, objection or fact
    /// was collected) sealed under the patient's key, bound to the event's own id; `subject` is
    /// the professional it concerns, or nil for the patient as a whole.
    func policyEvent(_ kind: String, patientID: [UInt8], statement: String, subject: [UInt8]?,
                     key: (key: SecretBytes, version: Int), at time: Date) throws -> PolicyEvent {
        let eventID = try SecureRandom.bytes(count: 16)
        let payload = try SealedBlob.seal(Array(statement.utf8), key: key.key,
                                          context: policyContext(patientID, eventID: eventID, keyVersion: key.version))
        return PolicyEvent(eventID: eventID, patientID: patientID, kind: kind, payload: payload,
                           subjectFingerprint: subject, recordedBy: fingerprint, recordedAt: time)
    }
}
