/// Allows a professional to receive a copy of the patient key (a grant, a care team's grant, a
/// structure consent) once the rules before it have not refused: the patient's opposition
/// (L1110-4 al.5), the end of the hosting (L1111-8) and the host's separation from care have
/// each been asked first, so that no key reaches someone they exclude, whoever hands it on.
public struct KeyRecipientRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.action == .receivePatientKey, request.patient != nil,
              request.actor.role == .professional else { return .abstain }
        return .allow(.keyRecipient)
    }
}

extension AccessReason {
    public static let keyRecipient = AccessReason(
        code: "L1110-4-al3-key-recipient",
        explanation: "Article L1110-4 al.3 and L1111-8: a professional the patient's information may be shared with "
            + "receives the patient key.")
}
