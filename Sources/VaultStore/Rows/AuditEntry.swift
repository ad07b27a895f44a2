import Foundation

/// One entry of the tamper-evident audit chain; append-only, with `sequence` assigned by the
/// store (1, 2, …) and `previousHash` equal to the previous entry's `hash` (32 zero bytes for
/// the first).
public struct AuditEntry: Sendable, Hashable {
    public var sequence: Int64
    /// Kept to the millisecond (see `StoredTime`).
    public var time: Date
    public var actorFingerprint: [UInt8]?
    public var actorNationalID: String?
    public var action: String
    public var patientID: [UInt8]?
    /// `granted`, `refused` or `failed`; the store does not interpret it.
    public var outcome: String
    public var reason: String
    public var previousHash: [UInt8]
    public var hash: [UInt8]

    /// The action of the entries that state the digest of a set of access facts (their reason:
    /// the 64-character key, a space, the digest), which the store indexes by key.
    public static let bindingAction = "binding.state"

    public init(
        sequence: Int64, time: Date, actorFingerprint: [UInt8]?, actorNationalID: String?,
        action: String, patientID: [UInt8]?, outcome: String, reason: String,
        previousHash: [UInt8], hash: [UInt8]
    ) {
        self.sequence = sequence
        self.time = time
        self.actorFingerprint = actorFingerprint
        self.actorNationalID = actorNationalID
        self.action = action
        self.patientID = patientID
        self.outcome = outcome
        self.reason = reason
        self.previousHash = previousHash
        self.hash = hash
    }
}
