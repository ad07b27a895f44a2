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
}
