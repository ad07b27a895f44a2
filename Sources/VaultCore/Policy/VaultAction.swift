/// Everything a card holder can ask the vault to do; every request names exactly one action, and
/// the policy decides each one (the gate, `VaultSession.admit`, asks it for every operation).
public enum VaultAction: Sendable, Hashable, CaseIterable {
    case createPatient
    /// Shows a patient's identity in a listing or a search: decided per patient, so that a
    /// patient whose hosting ended, or who opposed the professional, is never shown. Without a
    /// patient, asks whether the card holder may list patients at all.
    case listPatients
    case readRecords
    case addRecord
    case grantAccess
    case revokeAccess
    /// Receives a copy of the patient key (a grant, a team grant, a structure consent): decided
    /// for the professional who would receive it, so no key ever reaches someone the patient
    /// opposed, an administrator, or anyone once the hosting has ended.
    case receivePatientKey
    case recordConsent
    case recordOpposition
    case releaseToRelatives
    case heirAccess
    case statisticsExport
    case restitutionExport
    case administerKeys
    case shredPatient
    /// Records that the patient's hosting ends (L1111-8): the consent to hosting is over, the
    /// data go back and may then be shredded.
    case endHosting
    /// Enrols a card holder, or enrols again one whose enrolment was removed.
    case enrolProfessional
    /// Ends a card holder's enrolment (offboarding).
    case removeProfessional
    /// Creates care teams and changes their members.
    case manageCareTeams
    /// Reads the audit log (each card holder sees what concerns them; administrators all of it).
    case readAuditLog

    /// Whether a care relationship with the patient is enough for this action: reading and adding
    /// records, seeing the identity, and keeping the patient's grants, consent and opposition up
    /// to date.
    var isCareAction: Bool {
        switch self {
        case .readRecords, .addRecord, .grantAccess, .revokeAccess, .recordConsent, .recordOpposition, .listPatients:
            true
        case .createPatient, .releaseToRelatives, .heirAccess, .statisticsExport, .restitutionExport, .administerKeys,
             .shredPatient, .endHosting, .receivePatientKey, .enrolProfessional, .removeProfessional, .manageCareTeams,
             .readAuditLog:
            false
        }
    }

    /// Whether only the host's administrators may ask it: the actions outside any patient's care.
    var isAdministration: Bool {
        switch self {
        case .administerKeys, .shredPatient, .enrolProfessional, .removeProfessional, .manageCareTeams:
            true
        default:
            false
        }
    }
}
