/// Denies whatever is still undecided about a patient: the card holder has no care relationship
/// that covers it (L1110-4 al.1-2, secrecy).
public struct OutsideCareRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        request.patient == nil ? .abstain : .deny(.outsideCare)
    }
}

extension AccessReason {
    public static let outsideCare = AccessReason(
        code: "L1110-4-outside-care",
        explanation: "Article L1110-4 al.1-2: the patient's information is secret to those who take care of them, "
            + "and this professional is not in the patient's care team; ask a designated professional for a grant.")
}
