/// Decides who records the end of a patient's hosting (L1111-8): the professional the patient
/// designated with a grant of their own, who deposited the data or takes care of the patient and
/// relays their decision, as a party to the hosting. The host's administrators never end it
/// themselves (``AdministrationRule`` denies them): the host keeps the data at the disposal of
/// those who entrusted them, so it cannot decide alone to stop, and shredding, which is theirs,
/// then needs a professional's act first. A hosting that has ended cannot end again.
public struct EndOfHostingRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.action == .endHosting, request.actor.role == .professional,
              let patient = request.patient else { return .abstain }
        guard patient.hostingConsent else { return .deny(.hostingAlreadyEnded) }
        guard patient.designates(request.actor) else { return .deny(.endOfHostingNeedsDesignatedProfessional) }
        return .allow(.endOfHostingByDesignated)
    }
}

extension AccessReason {
    public static let endOfHostingByDesignated = AccessReason(
        code: "L1111-8-end-hosting",
        explanation: "Article L1111-8: a professional the patient designated records the end of the hosting; "
            + "the data are then given back and the host keeps no copy.")

    public static let endOfHostingNeedsDesignatedProfessional = AccessReason(
        code: "L1111-8-end-hosting-not-designated",
        explanation: "Article L1111-8: only a professional the patient designated records the end of the hosting; "
            + "ask one of them.")

    public static let hostingAlreadyEnded = AccessReason(
        code: "L1111-8-hosting-ended",
        explanation: "Article L1111-8: the patient's hosting has already ended (no hosting consent stands); "
            + "nothing more to end.")
}
