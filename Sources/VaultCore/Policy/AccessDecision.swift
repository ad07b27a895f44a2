/// The policy's answer to one request; a denial is final and always carries the reason to audit
/// and to show.
public enum AccessDecision: Sendable, Hashable {
    case allowed(AccessReason)
    case denied(AccessReason)

    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }

    public var reason: AccessReason {
        switch self {
        case .allowed(let reason), .denied(let reason): reason
        }
    }
}
