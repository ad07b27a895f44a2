import Foundation
import VaultCore

extension Vault {
    /// Appends one made-up `record.read` entry for each of `indexes`, in order, in one
    /// transaction: granted to `reader`'s professional on `patient`, the reason naming record
    /// `index` (32 hexadecimal digits) version 1, as the entries of real reads do. For generating
    /// a large log to measure (audit verification); the product audits each act as it happens,
    /// through the gate. The entries are integrated into the log's tree as any others are.
    public func auditRecordReads(_ indexes: Range<Int>, by reader: VaultSession, patient: PatientID) throws {
        let nationalID = reader.professional.nationalID.rawValue
        try store.write { writer in
            for index in indexes {
                try AuditLog.append(AuditEvent(actorFingerprint: reader.fingerprint, actorNationalID: nationalID,
                                               action: .recordRead, patientID: patient.bytes, outcome: .granted,
                                               reason: "record \(String(format: "%032x", index)) v1"), to: writer)
            }
        }
    }
}
