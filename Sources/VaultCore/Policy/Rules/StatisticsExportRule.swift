/// Decides the statistical export of a patient (L1411-8): only by a physician, and only of a
/// patient that physician may read through a care relationship.
public struct StatisticsExportRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.action == .statisticsExport, let patient = request.patient else { return .abstain }
        guard request.actor.profession.isPhysician else { return .deny(.statisticsPhysicianOnly) }
        guard patient.isInCare(request.actor) else { return .deny(.outsideCare) }
        return .allow(.statisticsExport)
    }
}

extension AccessReason {
    public static let statisticsExport = AccessReason(
        code: "L1411-8-statistics",
        explanation: "Article L1411-8: a physician transmits aggregated and pseudonymised data of their patients "
            + "for statistics.")

    public static let statisticsPhysicianOnly = AccessReason(
        code: "L1411-8-physician-only",
        explanation: "Article L1411-8: statistical transmission is made by physicians; ask the patient's physician.")
}
