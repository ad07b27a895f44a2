/// Denies every action about the patient to a professional, or a member of a care team, whom the
/// patient refused their information to (L1110-4 al.5), whatever grant they hold.
public struct OppositionRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard let patient = request.patient else { return .abstain }
        if patient.opposedProfessionals.contains(request.actor.nationalID) {
            return .deny(.professionalOpposed)
        }
        if !patient.opposedTeams.isDisjoint(with: request.actor.teamIDs) {
            return .deny(.teamOpposed)
        }
        return .abstain
    }
}

extension AccessReason {
    public static let professionalOpposed = AccessReason(
        code: "L1110-4-al5-opposition",
        explanation: "Article L1110-4 al.5: the patient refused that their information reach this professional; "
            + "only the patient can lift that refusal.")

    public static let teamOpposed = AccessReason(
        code: "L1110-4-al5-team-opposition",
        explanation: "Article L1110-4 al.5: the patient refused that their information reach a care team this "
            + "professional belongs to; only the patient can lift that refusal.")
}
