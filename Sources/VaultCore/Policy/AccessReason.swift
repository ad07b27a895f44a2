/// Why an action was allowed or denied: a stable code for the audit log and for callers to match
/// on (it never changes once published), and an English sentence naming the article and what to
/// do, for the person at the card.
public struct AccessReason: Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let explanation: String

    public init(code: String, explanation: String) {
        self.code = code
        self.explanation = explanation
    }

    public var description: String { "\(code): \(explanation)" }
}
