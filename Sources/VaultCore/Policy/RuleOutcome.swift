/// What one rule says about a request: allow or deny with a reason, or abstain and leave the
/// request to the next rule.
public enum RuleOutcome: Sendable, Hashable {
    case allow(AccessReason)
    case deny(AccessReason)
    case abstain
}
