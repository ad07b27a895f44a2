/// The integrated part of the audit log's Merkle tree, in the one row the integrator locks: how
/// many leaves it has and its compact range (the roots of its largest perfect subtrees, left to
/// right, 32 bytes each, concatenated), so that the next integration extends it from the new
/// leaves alone. The store keeps the bytes as given; the vault computes them.
public struct AuditTreeState: Sendable, Hashable {
    public var size: Int64
    public var compactRange: [UInt8]

    public init(size: Int64, compactRange: [UInt8]) {
        self.size = size
        self.compactRange = compactRange
    }
}
