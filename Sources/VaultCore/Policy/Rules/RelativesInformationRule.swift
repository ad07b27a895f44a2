/// Decides releasing information to relatives or the person of trust (L1110-4 al.8): only a
/// physician in the patient's care, only after a grave diagnosis or prognosis is recorded, never
/// against the patient's objection, and never once the patient has died (heirs are al.9).
public struct RelativesInformationRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.action == .releaseToRelatives, let patient = request.patient else { return .abstain }
        guard request.actor.profession.isPhysician else { return .deny(.relativesPhysicianOnly) }
        guard !patient.deceased else { return .deny(.relativesPatientDeceased) }
        guard patient.graveDiagnosis else { return .deny(.relativesNoGraveDiagnosis) }
        guard !patient.objectsToRelativesInformation else { return .deny(.relativesObjection) }
        guard patient.isInCare(request.actor) else { return .deny(.outsideCare) }
        return .allow(.relativesInformation)
    }
}

extension AccessReason {
    public static let relativesInformation = AccessReason(
        code: "L1110-4-al8-relatives",
        explanation: "Article L1110-4 al.8: after a grave diagnosis or prognosis, the patient's physician may inform "
            + "relatives or the person of trust so they can support the patient.")

    public static let relativesPhysicianOnly = AccessReason(
        code: "L1110-4-al8-physician-only",
        explanation: "Article L1110-4 al.8: only a physician may inform relatives of a grave diagnosis; "
            + "ask the patient's physician.")

    public static let relativesPatientDeceased = AccessReason(
        code: "L1110-4-al8-deceased",
        explanation: "Article L1110-4 al.8 concerns a living patient; after death, information goes to the heirs "
            + "under al.9: use heir access.")

    public static let relativesNoGraveDiagnosis = AccessReason(
        code: "L1110-4-al8-no-grave-diagnosis",
        explanation: "Article L1110-4 al.8: relatives may be informed only in case of a grave diagnosis or prognosis, "
            + "and none is recorded for this patient.")

    public static let relativesObjection = AccessReason(
        code: "L1110-4-al8-objection",
        explanation: "Article L1110-4 al.8: the patient objected to their relatives being informed; "
            + "nothing may be released to them.")
}
