/// Everything a card holder can ask the vault to do; every request names exactly one action, and
/// the policy decides each one.
public enum VaultAction: Sendable, Hashable, CaseIterable {
    case createPatient
    case listPatients
    case readRecords
    case addRecord
    case grantAccess
    case revokeAccess
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

    /// Whether a care relationship with the patient is enough for this action: reading and adding
    /// records, and keeping the patient's grants, consent and opposition up to date.
    var isCareAction: Bool {
        switch self {
        case .readRecords, .addRecord, .grantAccess, .revokeAccess, .recordConsent, .recordOpposition:
            true
        case .createPatient, .listPatients, .releaseToRelatives, .heirAccess, .statisticsExport,
             .restitutionExport, .administerKeys, .shredPatient, .endHosting:
            false
        }
    }
}
