import VaultCrypto
import VaultStore

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

    /// A tree of `size` leaves summed up as its compact range: the roots of the largest perfect
    /// subtrees it splits into, left to right (one per bit of `size`). With it, the root of any
    /// larger tree follows from the leaves after `size` alone, so a log need not be read again.
    struct CompactRange: Sendable, Codable, Equatable {
        var size: Int
        var roots: [[UInt8]]

        /// The compact range of the tree whose leaves have these hashes.
        init(_ leaves: ArraySlice<[UInt8]>) {
            self.init(size: 0, roots: [])
            self = extended(leaves, to: leaves.count)
        }

        init(size: Int, roots: [[UInt8]]) {
            self.size = size
            self.roots = roots
        }

        /// The compact range the store keeps in its tree row (`AuditTreeState`); throws
        /// `VaultError.tampered` when those bytes cannot be one (32 bytes per bit of the size).
        init(stored tree: AuditTreeState) throws {
            let bytes = tree.compactRange
            guard tree.size >= 0, bytes.count == Self.pieces(of: Int(tree.size)).count * 32 else {
                throw VaultError.tampered("the audit tree's state in the database is damaged (size \(tree.size), \(bytes.count) bytes of roots)")
            }
            self.init(size: Int(tree.size), roots: stride(from: 0, to: bytes.count, by: 32).map { Array(bytes[$0..<$0 + 32]) })
        }

        /// This range as the store keeps it.
        var stored: AuditTreeState {
            AuditTreeState(size: Int64(size), compactRange: roots.flatMap { $0 })
        }

        /// The root of the tree this range sums up.
        var root: [UInt8] { root(of: size, []) }

        /// The perfect subtrees of a tree of `size` leaves, as leaf ranges, left to right.
        static func pieces(of size: Int) -> [Range<Int>] {
            var pieces: [Range<Int>] = []
            var start = 0
            var bit = 1 << (Int.bitWidth - 2)
            while bit > 0 {
                if size & bit != 0 {
                    pieces.append(start..<start + bit)
                    start += bit
                }
                bit >>= 1
            }
            return pieces
        }

        /// The hash of the leaves in `range` of the tree these leaves continue (`newLeaves` are the
        /// leaves from `size` on), when `range` is a node of a tree of at least `size` leaves.
        func hash(_ range: Range<Int>, _ newLeaves: ArraySlice<[UInt8]>) -> [UInt8] {
            if let index = Self.pieces(of: size).firstIndex(of: range) { return roots[index] }
            if range.count == 1 { return newLeaves[newLeaves.startIndex + range.lowerBound - size] }
            let split = range.lowerBound + MerkleTree.largestPowerOfTwo(below: range.count)
            return MerkleTree.nodeHash(hash(range.lowerBound..<split, newLeaves), hash(split..<range.upperBound, newLeaves))
        }

        /// The root of the tree of `newSize` leaves that continues this one with `newLeaves`.
        func root(of newSize: Int, _ newLeaves: ArraySlice<[UInt8]>) -> [UInt8] {
            newSize == 0 ? Digest.sha256([]) : hash(0..<newSize, newLeaves)
        }

        /// The compact range of the tree of `newSize` leaves that continues this one with `newLeaves`.
        func extended(_ newLeaves: ArraySlice<[UInt8]>, to newSize: Int) -> CompactRange {
            CompactRange(size: newSize, roots: Self.pieces(of: newSize).map { hash($0, newLeaves) })
        }
    }

    /// The largest power of two strictly below `count` (count ≥ 2).
    static func largestPowerOfTwo(below count: Int) -> Int {
        var power = 1
        while power * 2 < count { power *= 2 }
        return power
    }
}
