/// A fact about a patient that a professional in their care records for the policy of
/// L1110-4 al.8-9 and L1111-8: it is kept append-only, sealed under the patient's key with the statement of
/// how it was established, and cannot be taken back except by shredding the patient.
public enum PatientEvent: String, Sendable, Hashable, CaseIterable {
    /// A grave diagnosis or prognosis (al.8): relatives may then be informed by a physician.
    case graveDiagnosis
    /// The patient objects to their relatives being informed of a grave diagnosis (al.8).
    case relativesObjection
    /// The patient objects, before death, to their information reaching their heirs (al.9).
    case heirObjection
    /// The patient's death (al.9): heirs may then receive what they need.
    case deceased
    /// The patient asks for their data back (L1111-8): the host's administrators may then run
    /// the restitution export while the hosting goes on.
    case restitutionRequest

    /// The policy event kind the store keeps it under.
    var kind: String {
        switch self {
        case .graveDiagnosis: PolicyEventKind.graveDiagnosis
        case .relativesObjection: PolicyEventKind.relativesObjection
        case .heirObjection: PolicyEventKind.heirObjection
        case .deceased: PolicyEventKind.deceased
        case .restitutionRequest: PolicyEventKind.restitutionRequest
        }
    }

    /// What recording it asks of the policy: the patient's wishes are kept up to date like
    /// their consent; a diagnosis or a death is a clinical fact, written like a record.
    var action: VaultAction {
        switch self {
        case .relativesObjection, .heirObjection, .restitutionRequest: .recordConsent
        case .graveDiagnosis, .deceased: .addRecord
        }
    }

    /// The name its recording has in the audit log.
    var auditAction: AuditAction {
        switch self {
        case .graveDiagnosis: .patientGraveDiagnosis
        case .relativesObjection: .patientRelativesObjection
        case .heirObjection: .patientHeirObjection
        case .deceased: .patientDeceased
        case .restitutionRequest: .patientRestitutionRequest
        }
    }
}
