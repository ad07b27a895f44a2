import Foundation

/// One entry of the audit log; append-only. `sequence` is the store's id for the entry, assigned
/// when it is written (increasing, possibly with gaps where a transaction rolled back);
/// `leafIndex` its place in the log's Merkle tree, given once by the integrator
/// (`VaultWriting.integrateAudit`) and gapless from 0. Entries of format version 1, written
/// before the tree, carry `previousHash`, the hash of the entry before them in a hash chain;
/// those of version 2 do not (nil): their `hash` covers their own content only.
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
    /// The previous entry's hash (32 zero bytes for the first) in a version 1 entry; nil in a
    /// version 2 entry.
    public var previousHash: [UInt8]?
    public var hash: [UInt8]
    /// The entry's leaf in the Merkle tree; nil until it is integrated.
    public var leafIndex: Int64?

    /// The action of the entries that state the digest of a set of access facts (their reason:
    /// the 64-character key, a space, the digest), which the store indexes by key.
    public static let bindingAction = "binding.state"

    public init(
        sequence: Int64, time: Date, actorFingerprint: [UInt8]?, actorNationalID: String?,
        action: String, patientID: [UInt8]?, outcome: String, reason: String,
        previousHash: [UInt8]?, hash: [UInt8], leafIndex: Int64? = nil
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
        self.leafIndex = leafIndex
    }
}
