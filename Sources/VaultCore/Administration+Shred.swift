import Foundation
import VaultCrypto
import VaultStore

/// What shredding a patient destroyed, as `cpsvault admin shred` reports it: counts only.
public struct ShredReport: Sendable, Hashable, Codable {
    public var patientID: PatientID
    /// Wrapped and sealed copies of the patient's keys destroyed: escrow, grants, pending grants.
    public var keyCopies: Int
    public var recordVersions: Int
    public var policyEvents: Int
}

extension Administration {
    /// Crypto-shreds a patient once their hosting has ended (L1111-8: the host keeps no copy). In
    /// one transaction the patient is marked shredded, every wrapped copy of every version of
    /// their key (escrow, grants, pending grants), their team grants and queued rekey are
    /// destroyed, their ciphertext (record versions, segments) and policy events deleted, and
    /// their sealed identity and blind index overwritten, leaving the row with its opaque id
    /// only; then the WAL is emptied so no deleted page survives. Audited as `admin.shred`; the
    /// policy's refusal (not an administrator, hosting not ended, shredded already) is audited
    /// with the patient's id.
    ///
    /// The one way to shred: under the vault's two-person rule it also needs `approval` from a
    /// second administrator's card, and any further condition goes here too.
    public func shred(patient: PatientID, approval: AdministratorApproval? = nil) throws -> ShredReport {
        let patientID = patient.bytes
        let admission = try admit(.shredPatient, patient: patientID, as: .adminShred)
        try requireSecondAdministrator(approval, for: admission)
        let now = Date()
        let blindIndex = try SecureRandom.bytes(count: 32)
        let report = try vault.store.write { writer in
            guard var row = try writer.patient(id: patientID), row.shreddedAt == nil else { throw VaultError.noSuchPatient }
            let report = ShredReport(
                patientID: patient,
                keyCopies: try writer.escrowKeys(patientID: patientID).count + writer.grants(patientID: patientID).count
                    + writer.pendingGrants(patientID: patientID).count,
                recordVersions: try writer.recordVersions(patientID: patientID).count,
                policyEvents: try writer.policyEvents(patientID: patientID).count)
            row.shreddedAt = now
            row.identity = []
            row.blindIndex = blindIndex
            try writer.update(row)
            try writer.deleteKeys(patientID: patientID)
            try writer.deleteRecords(patientID: patientID)
            try AuditLog.append(admission.granted("\(report.keyCopies) key copies destroyed, \(report.recordVersions) record versions "
                                          + "and \(report.policyEvents) policy events deleted" + approvalNote(approval)), to: writer)
            return report
        }
        try vault.store.discardDeletedContent()
        return report
    }
}
