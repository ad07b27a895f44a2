/// Without the patient's express consent to hosting recorded (L1111-8), denies everything about
/// the patient except recording that consent and ending the hosting (restitution, shredding),
/// which must stay possible once the consent is withdrawn; ending it again is left to
/// ``EndOfHostingRule``, which says it has ended already.
public struct HostingConsentRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard let patient = request.patient, !patient.hostingConsent else { return .abstain }
        switch request.action {
        case .recordConsent, .restitutionExport, .shredPatient, .endHosting: return .abstain
        default: return .deny(.noHostingConsent)
        }
    }
}

extension AccessReason {
    public static let noHostingConsent = AccessReason(
        code: "L1111-8-no-hosting-consent",
        explanation: "Article L1111-8: health data may be hosted only with the patient's express consent; "
            + "record the patient's consent to hosting first.")
}
