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
        prefixedHash(0x00, data)
    }

    /// The hash of an inner node.
    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        prefixedHash(0x01, left, right)
    }

    /// SHA-256 of `prefix` followed by `parts`, gathered in one buffer.
    private static func prefixedHash(_ prefix: UInt8, _ parts: [UInt8]...) -> [UInt8] {
        var input: [UInt8] = []
        input.reserveCapacity(1 + parts.reduce(0) { $0 + $1.count })
        input.append(prefix)
        for part in parts { input += part }
        return Digest.sha256(input)
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
        init(_ leaves: some Sequence<[UInt8]>) {
            self = CompactRange(size: 0, roots: []).appending(leaves)
        }

        init(size: Int, roots: [[UInt8]]) {
            self.size = size
            self.roots = roots
        }

        /// The compact range the store keeps in its tree row (`AuditTreeState`); throws
        /// `VaultError.tampered` when those bytes cannot be one (32 bytes per bit of the size).
        init(stored tree: AuditTreeState) throws {
            let bytes = tree.compactRange
            guard tree.size >= 0, bytes.count == tree.size.nonzeroBitCount * 32 else {
                throw VaultError.tampered("the audit tree's state in the database is damaged (size \(tree.size), \(bytes.count) bytes of roots)")
            }
            self.init(size: Int(tree.size), roots: stride(from: 0, to: bytes.count, by: 32).map { Array(bytes[$0..<$0 + 32]) })
        }

        /// This range as the store keeps it.
        var stored: AuditTreeState {
            AuditTreeState(size: Int64(size), compactRange: roots.flatMap { $0 })
        }

        /// The root of the tree this range sums up: its subtrees' roots folded from the right, as
        /// RFC 9162 splits a tree at the largest power of two below its size.
        var root: [UInt8] {
            guard var hash = roots.last else { return Digest.sha256([]) }
            for left in roots.dropLast().reversed() { hash = MerkleTree.nodeHash(left, hash) }
            return hash
        }

        /// Adds the leaf `leafHash` on the right: it merges with the subtrees of the sizes its
        /// index's trailing one bits name, so a leaf costs one node hash on average.
        mutating func append(_ leafHash: [UInt8]) {
            var hash = leafHash
            var carry = size
            while carry & 1 == 1 {
                hash = MerkleTree.nodeHash(roots.removeLast(), hash)
                carry >>= 1
            }
            roots.append(hash)
            size += 1
        }

        /// The compact range of the tree that continues this one with the leaves `leafHashes`.
        func appending(_ leafHashes: some Sequence<[UInt8]>) -> CompactRange {
            var range = self
            for leaf in leafHashes { range.append(leaf) }
            return range
        }

        /// The compact ranges of the tree that continues this one with `leafHashes`, at each of
        /// `sizes` from this range's size to the longest tree, in one pass over the leaves (sizes
        /// outside that span have none).
        func ranges(continuedBy leafHashes: ArraySlice<[UInt8]>, at sizes: some Sequence<Int>) -> [Int: CompactRange] {
            let wanted = Set(sizes.filter { (size...size + leafHashes.count).contains($0) })
            var found: [Int: CompactRange] = [:]
            var range = self
            for leaf in leafHashes {
                if wanted.contains(range.size) { found[range.size] = range }
                guard found.count < wanted.count else { break }
                range.append(leaf)
            }
            if wanted.contains(range.size) { found[range.size] = range }
            return found
        }
    }

    /// The largest power of two strictly below `count` (count ≥ 2).
    static func largestPowerOfTwo(below count: Int) -> Int {
        var power = 1
        while power * 2 < count { power *= 2 }
        return power
    }
}
