/// Allows the care actions to a member of an establishment care team granted access: the
/// patient's information is deemed entrusted to the whole team (L1110-4 al.3).
public struct CareTeamRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.action.isCareAction, let patient = request.patient,
              patient.entrustsTeam(of: request.actor) else { return .abstain }
        return .allow(.careTeam)
    }
}

extension AccessReason {
    public static let careTeam = AccessReason(
        code: "L1110-4-al3-care-team",
        explanation: "Article L1110-4 al.3: the patient's information is deemed entrusted to the whole care team "
            + "this professional belongs to.")
}
