/// Allows the care actions (reading and adding records, keeping grants, consent and opposition
/// up to date) to a professional the patient designated with a grant or a pending grant
/// (L1111-8; continuity of care, L1110-4 al.3). The professional who creates a patient holds such
/// a grant from the start.
public struct DesignatedProfessionalRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.action.isCareAction, let patient = request.patient,
              patient.designates(request.actor) else { return .abstain }
        return .allow(.designatedProfessional)
    }
}

extension AccessReason {
    public static let designatedProfessional = AccessReason(
        code: "L1111-8-designated",
        explanation: "Article L1111-8 and L1110-4 al.3: the patient designated this professional for their care.")
}
