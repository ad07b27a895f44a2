/// Decides heirs' access to a deceased patient's information (L1110-4 al.9): only after death,
/// never against the wish the patient expressed before death, and only through a physician in
/// the patient's care. Al.9 names no profession; the physician-only release is the vault's
/// choice in docs/LAW.md (L1110-4 al.9), the same as al.8's.
public struct HeirAccessRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.action == .heirAccess, let patient = request.patient else { return .abstain }
        guard patient.deceased else { return .deny(.heirsPatientAlive) }
        guard request.actor.profession.isPhysician else { return .deny(.heirsPhysicianOnly) }
        guard !patient.objectsToHeirAccess else { return .deny(.heirsObjection) }
        guard patient.isInCare(request.actor) else { return .deny(.outsideCare) }
        return .allow(.heirAccess)
    }
}

extension AccessReason {
    public static let heirAccess = AccessReason(
        code: "L1110-4-al9-heirs",
        explanation: "Article L1110-4 al.9: the heirs of a deceased patient may receive what they need to know the "
            + "causes of death, defend the patient's memory or assert their rights.")

    public static let heirsPatientAlive = AccessReason(
        code: "L1110-4-al9-not-deceased",
        explanation: "Article L1110-4 al.9 applies only after the patient's death, and no death is recorded.")

    public static let heirsPhysicianOnly = AccessReason(
        code: "L1110-4-al9-physician-only",
        explanation: "Article L1110-4 al.9: in this vault, information reaches heirs only through a physician in the "
            + "patient's care; ask that physician.")

    public static let heirsObjection = AccessReason(
        code: "L1110-4-al9-objection",
        explanation: "Article L1110-4 al.9: the patient objected, before death, to their information reaching their "
            + "heirs; nothing may be released to them.")
}
