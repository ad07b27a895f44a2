/// Decides a professional's restitution export (L1111-8, end of hosting): only a physician the
/// patient designated with a grant of their own may take the data back. Administrators' exports
/// are decided by ``AdministrationRule``.
public struct RestitutionRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.action == .restitutionExport, request.actor.role == .professional,
              let patient = request.patient else { return .abstain }
        guard request.actor.profession.isPhysician, patient.designates(request.actor) else {
            return .deny(.restitutionNeedsDesignatedPhysician)
        }
        return .allow(.restitutionToPhysician)
    }
}

extension AccessReason {
    public static let restitutionToPhysician = AccessReason(
        code: "L1111-8-restitution-physician",
        explanation: "Article L1111-8: the data are given back to the physician the patient designated.")

    public static let restitutionNeedsDesignatedPhysician = AccessReason(
        code: "L1111-8-restitution-not-designated",
        explanation: "Article L1111-8: the data are given back only to the patient's designated physician or by "
            + "an administrator of the hosting; ask one of them.")
}
