/// What the gate hands back when the policy allows an act: who may do what, on which patient, and
/// why. Made only by `VaultSession.admit`; the audit entries of a granted or failed act are
/// made from it, so an act is logged as done only once it was decided.
package struct Admission {
    let session: VaultSession
    let act: AuditAction
    let patientID: [UInt8]?
    /// The policy's reason for allowing it.
    let reason: AccessReason

    /// The entry recording that the act was done, with what it did.
    package func granted(_ detail: String = "") -> AuditEvent {
        session.event(act, patientID: patientID, outcome: .granted, reason: detail)
    }

    /// The entry recording that the act, once allowed, failed or was aborted.
    func failed(_ detail: String) -> AuditEvent {
        session.event(act, patientID: patientID, outcome: .failed, reason: detail)
    }

    /// The entry recording that the act, though the policy allowed it, found nothing to act on
    /// (a search that matched no one).
    func refused(_ detail: String) -> AuditEvent {
        session.event(act, patientID: patientID, outcome: .refused, reason: detail)
    }

    /// The entry recording that the act, once allowed, failed for one patient of a multi-patient
    /// act (a listing that left a tampered patient out).
    func failed(patient patientID: [UInt8], _ detail: String) -> AuditEvent {
        session.event(act, patientID: patientID, outcome: .failed, reason: detail)
    }

    /// The same decision for another patient of a multi-patient act (an export), decided there too.
    func granted(patient patientID: [UInt8], _ detail: String) -> AuditEvent {
        session.event(act, patientID: patientID, outcome: .granted, reason: detail)
    }
}
