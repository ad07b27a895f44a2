import CPSCard

/// What the vault has recorded about one patient that bears on access: consent, grants,
/// oppositions, objections and status. Every field must be given, so a caller cannot leave out
/// an opposition or an objection by accident.
public struct PatientFacts: Sendable, Hashable {
    /// The patient's express consent to hosting (L1111-8), recorded and not withdrawn.
    public var hostingConsent: Bool
    /// Every wrapped copy of the patient's data key has been destroyed.
    public var shredded: Bool
    /// Professionals the patient designated: holders of a grant or a pending grant (L1111-8).
    public var designatedProfessionals: Set<NationalID>
    /// Establishment care teams granted access (L1110-4 al.3).
    public var grantedTeams: Set<TeamID>
    /// Express consent to sharing with the health centre's professionals, not withdrawn
    /// (L1110-4 al.4, 1°).
    public var structureSharingConsent: Bool
    /// Professionals the patient refused their information to (L1110-4 al.5).
    public var opposedProfessionals: Set<NationalID>
    /// Care teams the patient refused their information to (L1110-4 al.5).
    public var opposedTeams: Set<TeamID>
    /// The patient objected to relatives being informed of a grave diagnosis (L1110-4 al.8).
    public var objectsToRelativesInformation: Bool
    /// The patient, before death, objected to information reaching their heirs (L1110-4 al.9).
    public var objectsToHeirAccess: Bool
    public var deceased: Bool
    /// A grave diagnosis or prognosis is recorded (L1110-4 al.8).
    public var graveDiagnosis: Bool
    /// The patient asked for their data back (L1111-8), as a professional in their care recorded.
    public var restitutionRequested: Bool

    public init(hostingConsent: Bool, shredded: Bool,
                designatedProfessionals: Set<NationalID>, grantedTeams: Set<TeamID>,
                structureSharingConsent: Bool,
                opposedProfessionals: Set<NationalID>, opposedTeams: Set<TeamID>,
                objectsToRelativesInformation: Bool, objectsToHeirAccess: Bool,
                deceased: Bool, graveDiagnosis: Bool, restitutionRequested: Bool) {
        self.hostingConsent = hostingConsent
        self.shredded = shredded
        self.designatedProfessionals = designatedProfessionals
        self.grantedTeams = grantedTeams
        self.structureSharingConsent = structureSharingConsent
        self.opposedProfessionals = opposedProfessionals
        self.opposedTeams = opposedTeams
        self.objectsToRelativesInformation = objectsToRelativesInformation
        self.objectsToHeirAccess = objectsToHeirAccess
        self.deceased = deceased
        self.graveDiagnosis = graveDiagnosis
        self.restitutionRequested = restitutionRequested
    }
}
