/// What an opaque identifier names, as its malformed-input error says it: each kind has its
/// own length and its own `VaultError.malformedIdentifier`.
public enum IdentifierKind: String, Sendable, Hashable, CaseIterable {
    case patient, record, team, vault, certificateFingerprint

    /// The identifier's name in messages, e.g. "patient id".
    public var noun: String {
        switch self {
        case .patient: "patient id"
        case .record: "record id"
        case .team: "care team id"
        case .vault: "vault id"
        case .certificateFingerprint: "certificate fingerprint"
        }
    }

    /// The number of bytes an identifier of this kind holds.
    public var byteCount: Int {
        switch self {
        case .patient, .record, .team, .vault: 16
        case .certificateFingerprint: 32
        }
    }

    /// Where a person finds a valid one, for the malformed-input message.
    var whereShown: String {
        switch self {
        case .patient: "as `cpsvault patient create` printed it or `cpsvault patient list` shows it"
        case .record: "as `cpsvault record add` printed it or `cpsvault record list` shows it"
        case .team: "as `cpsvault team create` printed it"
        case .vault: "as `cpsvault admin status` shows it"
        case .certificateFingerprint: "the SHA-256 of the card's authentication certificate"
        }
    }
}
