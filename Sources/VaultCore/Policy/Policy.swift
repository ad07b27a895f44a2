/// The vault's access policy: its rules are asked in order and the first that does not abstain
/// decides; when every rule abstains, the request is denied. Every decision carries a reason.
public struct Policy: Sendable {
    private let rules: [any AccessRule]

    public init(rules: [any AccessRule]) {
        self.rules = rules
    }

    public func decide(_ request: AccessRequest) -> AccessDecision {
        for rule in rules {
            switch rule.evaluate(request) {
            case .allow(let reason): return .allowed(reason)
            case .deny(let reason): return .denied(reason)
            case .abstain: continue
            }
        }
        return .denied(.noRuleAllows)
    }

    /// The rules docs/LAW.md draws from L1110-4, L1111-8 and L1411-8, most binding first.
    ///
    /// A shredded patient comes first, before the administrators' own actions, so that nothing,
    /// not even a key or restitution command, touches a patient whose keys are gone. Restitution
    /// by a professional is decided after the opposition, which outranks any grant (al.5). The
    /// rules for relatives, heirs and statistics need a care relationship of their own and are
    /// not widened by the grant rules, which only cover the care actions, so their relative order
    /// does not matter.
    public static let standard = Policy(rules: [
        ShreddedPatientRule(),
        AdministrationRule(),
        HostingConsentRule(),
        OppositionRule(),
        EndOfHostingRule(),
        KeyRecipientRule(),
        RestitutionRule(),
        DesignatedProfessionalRule(),
        CareTeamRule(),
        HealthCentreRule(),
        RelativesInformationRule(),
        HeirAccessRule(),
        StatisticsExportRule(),
        RegistrationRule(),
        OutsideCareRule(),
    ])
}

extension AccessReason {
    public static let noRuleAllows = AccessReason(
        code: "no-rule-allows",
        explanation: "No rule of the access policy allows this action; it is denied.")
}
