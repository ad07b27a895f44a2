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
}

extension AccessReason {
    public static let noRuleAllows = AccessReason(
        code: "no-rule-allows",
        explanation: "No rule of the access policy allows this action; it is denied.")
}
