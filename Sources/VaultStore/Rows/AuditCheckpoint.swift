import Foundation

/// A card signature over the audit chain head at `sequence`; append-only, unique per
/// (sequence, signer).
public struct AuditCheckpoint: Sendable, Hashable {
    public var sequence: Int64
    /// The `hash` of the entry at `sequence`.
    public var headHash: [UInt8]
    public var signerFingerprint: [UInt8]
    public var signature: [UInt8]
    public var signedAt: Date

    public init(sequence: Int64, headHash: [UInt8], signerFingerprint: [UInt8], signature: [UInt8], signedAt: Date) {
        self.sequence = sequence
        self.headHash = headHash
        self.signerFingerprint = signerFingerprint
        self.signature = signature
        self.signedAt = signedAt
    }
}
