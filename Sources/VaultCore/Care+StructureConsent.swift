import CPSCard
import Foundation
import VaultCrypto
import VaultStore

extension Care {
    /// Records the patient's express consent to sharing with the health professionals of the
    /// maison or centre de santé (L1110-4 al.4, 1°), with how it was collected (`statement`,
    /// sealed). The policy then lets the structure's professionals in, and each of them gets the
    /// patient key as a pending grant made under this consent: the grant carries the consent's
    /// recorder and time, which is how a withdrawal finds it again. Professionals the patient
    /// opposed, establishment staff and administrators get nothing.
    public func recordStructureConsent(patient: PatientID, statement: String) throws {
        let patientID = patient.bytes
        let admission = try admit(.recordConsent, patient: patientID, as: .consentRecord)
        let key = try patientKey(patientID)
        let now = StoredTime.date(milliseconds: StoredTime.milliseconds(Date()))
        try vault.store.write { writer in
            try writer.insert(try policyEvent(PolicyEventKind.consent, patientID: patientID, statement: statement,
                                              subject: nil, key: key, at: now))
            var reached = 0
            for member in try structureProfessionals(in: writer) {
                guard case .sealed(let pending) = try pendingGrant(of: key, patientID: patientID, to: member, in: writer, at: now)
                else { continue }
                try writer.insert(pending)
                reached += 1
            }
            try AuditLog.append(admission.granted("structure sharing; key sealed to \(reached) professionals"), to: writer)
        }
    }

    /// Records the withdrawal of the patient's consent to sharing within the structure
    /// (L1110-4 al.4, 1°: in the same forms as it was given). The policy shuts the structure's
    /// professionals out again; the keys handed on under any earlier consent are withdrawn, and
    /// a rekey of the patient is queued so that copies kept stop opening new records.
    public func withdrawStructureConsent(patient: PatientID, statement: String) throws {
        let patientID = patient.bytes
        let admission = try admit(.recordConsent, patient: patientID, as: .consentWithdraw)
        let key = try patientKey(patientID)
        let now = Date()
        try vault.store.write { writer in
            let consents = Set(try writer.policyEvents(patientID: patientID).filter { $0.kind == PolicyEventKind.consent }
                .map { ConsentStamp(by: $0.recordedBy, at: $0.recordedAt) })
            func madeUnderConsent(_ holder: [UInt8], _ grantedBy: [UInt8], _ grantedAt: Date) -> Bool {
                holder != grantedBy && consents.contains(ConsentStamp(by: grantedBy, at: grantedAt))
            }
            let holders = Set(try writer.grants(patientID: patientID).filter { madeUnderConsent($0.fingerprint, $0.grantedBy, $0.grantedAt) }
                .map(\.fingerprint)
                + writer.pendingGrants(patientID: patientID).filter { madeUnderConsent($0.fingerprint, $0.grantedBy, $0.grantedAt) }
                .map(\.fingerprint))
            try writer.insert(try policyEvent(PolicyEventKind.consentWithdrawal, patientID: patientID, statement: statement,
                                              subject: nil, key: key, at: now))
            try withdrawKeys(patientID: patientID, from: holders, in: writer)
            if !holders.isEmpty { try queueRekey(patientID: patientID, reason: "structure consent withdrawn", in: writer, at: now) }
            try AuditLog.append(admission.granted("structure sharing; keys withdrawn from \(holders.count) professionals"
                                                      + (holders.isEmpty ? "" : ", rekey queued")), to: writer)
        }
    }

    /// The structure's health professionals as the policy counts them (see `VaultActor(enrolment:in:)`):
    /// every card holder enrolled as a professional and not removed, except establishment staff.
    private func structureProfessionals(in reader: any VaultReading) throws -> [EnrolledProfessional] {
        try reader.professionals().filter { enrolment in
            guard enrolment.role == .professional, enrolment.removedAt == nil,
                  let certificate = try? X509Certificate(derEncoded: enrolment.certificate),
                  let holder = try? CPSCard.Professional(certificate: certificate, cardSerial: []) else { return false }
            return holder.profession != .establishmentStaff
        }
    }
}

/// Who recorded a structure consent and when: the mark its pending grants carry.
private struct ConsentStamp: Hashable {
    let by: [UInt8]
    let at: Date
}
