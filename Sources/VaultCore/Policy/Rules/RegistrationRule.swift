/// Allows any professional with an authenticated card session to create a patient, becoming its
/// first designated professional, and to list the patients they may see.
public struct RegistrationRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.actor.role == .professional else { return .abstain }
        switch request.action {
        case .createPatient: return .allow(.patientCreation)
        case .listPatients: return .allow(.patientListing)
        default: return .abstain
        }
    }
}

extension AccessReason {
    public static let patientCreation = AccessReason(
        code: "L1110-4-al6-create",
        explanation: "Article L1110-4 al.6: a professional authenticated by their card may register a patient.")

    public static let patientListing = AccessReason(
        code: "L1110-4-al6-list",
        explanation: "Article L1110-4 al.6: a professional authenticated by their card may list the patients "
            + "entrusted to them.")
}
