import Foundation
import VaultStore

extension Care {
    /// Writes the chosen records' contents to `output`, one after the other in the order given,
    /// for the relatives or the person of trust of a patient with a grave diagnosis or
    /// prognosis (L1110-4 al.8). Only a physician in the patient's care may, and never against
    /// the patient's objection; a refusal is audited and thrown. Each record read is audited as
    /// `record.read`, and the release as a whole as `release.relatives`.
    public func releaseToRelatives(patient: PatientID, recordIDs: [RecordID], to output: FileHandle) throws {
        try release(.releaseToRelatives, as: .releaseRelatives, patient: patient, recordIDs: recordIDs, to: output)
    }

    /// Writes the chosen records' contents to `output` for the heirs of a deceased patient
    /// (L1110-4 al.9), so they can know the causes of death, defend the patient's memory or
    /// assert their rights. Only after a recorded death, only a physician in the patient's care,
    /// and never against the wish the patient expressed before death; audited as
    /// `release.heirs`.
    public func heirAccess(patient: PatientID, recordIDs: [RecordID], to output: FileHandle) throws {
        try release(.heirAccess, as: .releaseHeirs, patient: patient, recordIDs: recordIDs, to: output)
    }

    private func release(_ action: VaultAction, as act: AuditAction, patient: PatientID, recordIDs: [RecordID],
                         to output: FileHandle) throws {
        let patientID = patient.bytes
        let admission = try admit(action, patient: patientID, as: act)
        guard !recordIDs.isEmpty else { throw VaultError.noSuchRecord }
        for recordID in recordIDs {
            try readRecord(patient: patient, recordID: recordID, to: output)
        }
        try vault.audit(admission.granted("records \(recordIDs.map(\.description).joined(separator: ", "))"))
    }
}
