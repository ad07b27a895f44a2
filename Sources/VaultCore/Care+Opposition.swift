import Foundation
import VaultCrypto
import VaultStore

extension Care {
    /// Records the patient's refusal that their information reach a professional (L1110-4 al.5):
    /// the opposition is kept (append-only), the professional's grants are removed, and a rekey
    /// of the patient is queued so that keys they may have kept stop opening new records.
    public func recordOpposition(patient: PatientID, against nationalID: String, statement: String) throws {
        let patientID = patient.bytes
        let admission = try admit(.recordOpposition, patient: patientID, as: .oppositionRecord)
        let opposed = try vault.store.read { try $0.professionals() }.filter { $0.nationalID == nationalID }
        guard !opposed.isEmpty else { throw VaultError.notEnrolled(nationalID: nationalID) }
        let key = try patientKey(patientID)
        let now = Date()
        try vault.store.write { writer in
            for professional in opposed {
                try writer.insert(try policyEvent(PolicyEventKind.opposition, patientID: patientID, statement: statement,
                                                  subject: professional.fingerprint, key: key, at: now))
            }
            try withdrawKeys(patientID: patientID, from: Set(opposed.map(\.fingerprint)), in: writer)
            try queueRekey(patientID: patientID, reason: "opposition", in: writer, at: now)
            try AuditLog.append(admission.granted(try sealedDetail("against \(nationalID); rekey queued", patientID: patientID, key: key)),
                                to: writer)
        }
    }
}
