import VaultCrypto

/// The Merkle tree over the audit log, hashed as RFC 9162 (Certificate Transparency 2.0) hashes
/// its log: a leaf is SHA-256(0x00 || data), an inner node SHA-256(0x01 || left || right), and a
/// tree of n leaves splits at the largest power of two below n. Each audit entry is a leaf whose
/// data is the entry's chain hash (docs/FORMAT.md), so a signed tree head covers every entry and an
/// inclusion proof shows one entry is in it with log2(n) hashes.
enum MerkleTree {
    /// The hash of a leaf holding `data`.
    static func leafHash(_ data: [UInt8]) -> [UInt8] {
        Digest.sha256([0x00] + data)
    }

    /// The hash of an inner node.
    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        Digest.sha256([0x01] + left + right)
    }

    /// The root of the tree whose leaves have these hashes (the hash of no data for no leaf).
    static func root(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        switch leaves.count {
        case 0: return Digest.sha256([])
        case 1: return leaves[leaves.startIndex]
        default:
            let split = leaves.startIndex + largestPowerOfTwo(below: leaves.count)
            return nodeHash(root(leaves[..<split]), root(leaves[split...]))
        }
    }

    /// The audit path of leaf `index` in the tree of `leaves` (RFC 9162, 2.1.3.1), leaf to root.
    static func inclusionProof(index: Int, _ leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        guard leaves.count > 1 else { return [] }
        let split = largestPowerOfTwo(below: leaves.count)
        let start = leaves.startIndex
        if index < split {
            return inclusionProof(index: index, leaves[start..<start + split]) + [root(leaves[(start + split)...])]
        }
        return inclusionProof(index: index - split, leaves[(start + split)...]) + [root(leaves[start..<start + split])]
    }

    /// Whether `proof` shows the leaf `leafHash` at `index` in the tree of `size` leaves whose
    /// root is `root` (RFC 9162, 2.1.3.2).
    static func verifyInclusion(leafHash: [UInt8], index: Int, size: Int, proof: [[UInt8]], root: [UInt8]) -> Bool {
        guard index >= 0, index < size else { return false }
        var fn = index, sn = size - 1
        var hash = leafHash
        for sibling in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                hash = nodeHash(sibling, hash)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                hash = nodeHash(hash, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && hash == root
    }

    /// The largest power of two strictly below `count` (count ≥ 2).
    private static func largestPowerOfTwo(below count: Int) -> Int {
        var power = 1
        while power * 2 < count { power *= 2 }
        return power
    }
}
