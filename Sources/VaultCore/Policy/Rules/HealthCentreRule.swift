/// Decides the care actions of a health professional of the maison or centre de santé the vault
/// serves (L1110-4 al.4): allowed while the patient's express consent to sharing within the
/// structure stands, denied without it or once it is withdrawn.
public struct HealthCentreRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        let actor = request.actor
        guard request.action.isCareAction, let patient = request.patient,
              actor.structureMember, actor.profession != .establishmentStaff else { return .abstain }
        return patient.sharesWithStructure(actor) ? .allow(.structureConsent) : .deny(.noStructureConsent)
    }
}

extension AccessReason {
    public static let structureConsent = AccessReason(
        code: "L1110-4-al4-consent",
        explanation: "Article L1110-4 al.4: the patient expressly consented to sharing with the health centre's "
            + "professionals.")

    public static let noStructureConsent = AccessReason(
        code: "L1110-4-al4-no-consent",
        explanation: "Article L1110-4 al.4: sharing within the health centre needs the patient's express consent, "
            + "and none stands (never given or withdrawn); record the patient's consent or ask for a grant.")
}
