/// One obligation of the access policy: it allows or denies the requests it is about, with its
/// reason, and abstains on all others so a later rule can decide.
public protocol AccessRule: Sendable {
    func evaluate(_ request: AccessRequest) -> RuleOutcome
}
