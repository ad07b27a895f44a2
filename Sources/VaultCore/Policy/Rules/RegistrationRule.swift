/// Allows any professional with an authenticated card session to create a patient, becoming its
/// first designated professional, to ask for the patients they may see (each one shown is then
/// decided on its own), and to read what the audit log holds about them and their patients.
public struct RegistrationRule: AccessRule {
    public init() {}

    public func evaluate(_ request: AccessRequest) -> RuleOutcome {
        guard request.actor.role == .professional else { return .abstain }
        switch request.action {
        case .createPatient: return .allow(.patientCreation)
        case .listPatients where request.patient == nil: return .allow(.patientListing)
        case .readAuditLog: return .allow(.auditReading)
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

    public static let auditReading = AccessReason(
        code: "L1110-4-audit",
        explanation: "Article L1110-4: every card holder may read the audit entries of their own acts and of the "
            + "patients in their care; the host's administrators read the whole log.")
}
