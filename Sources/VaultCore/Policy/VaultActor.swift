import CPSCard

/// The card holder behind a request, as their authenticated card session proved them, with the
/// role they were enrolled in and the teams and health centre they belong to. The person is
/// identified by their national identifier, so grants and oppositions follow them across card
/// renewals, when the certificate (and its fingerprint) changes.
public struct VaultActor: Sendable, Hashable {
    /// What the card holder was enrolled as: a professional taking care of patients, or an
    /// administrator of the hosting, who holds the escrow keys and never sees a record.
    public enum Role: Sendable, Hashable {
        case professional
        case admin
    }

    public var nationalID: NationalID
    public var profession: ProfessionCode
    public var role: Role
    /// The establishment care teams the holder belongs to.
    public var teamIDs: Set<TeamID>
    /// Whether the holder belongs to the maison or centre de santé the vault serves and adheres
    /// to its health project (L1110-4 al.4, 2°).
    public var structureMember: Bool

    public init(nationalID: NationalID, profession: ProfessionCode, role: Role,
                teamIDs: Set<TeamID>, structureMember: Bool) {
        self.nationalID = nationalID
        self.profession = profession
        self.role = role
        self.teamIDs = teamIDs
        self.structureMember = structureMember
    }
}
