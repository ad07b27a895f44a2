import Testing
@testable import VaultCore
import VaultCrypto

/// The audit log's Merkle tree against the Certificate Transparency test vectors (the roots of the
/// first 1 to 8 of eight leaves, as RFC 6962 implementations publish them), and its inclusion
/// proofs for every leaf of every size.
@Suite("Merkle tree, RFC 9162 hashing")
struct MerkleTreeTests {
    static let leaves: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                    "606162636465666768696a6b6c6d6e6f"].map { [UInt8](hexString: $0)! }
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    @Test("the roots of the published vectors", arguments: 1...8)
    func roots(_ size: Int) {
        let hashes = Self.leaves.prefix(size).map(MerkleTree.leafHash)
        #expect(MerkleTree.root(hashes[...]).hexString.lowercased() == Self.roots[size - 1])
    }

    @Test("an empty tree's root is the hash of nothing")
    func emptyRoot() {
        #expect(MerkleTree.root([]) == Digest.sha256([]))
    }

    @Test("every leaf's proof verifies in every tree up to 8 leaves; a wrong leaf, index, path or root does not", arguments: 1...8)
    func inclusion(_ size: Int) {
        let hashes = Self.leaves.prefix(size).map(MerkleTree.leafHash)
        let root = MerkleTree.root(hashes[...])
        for index in 0..<size {
            let proof = MerkleTree.inclusionProof(index: index, hashes[...])
            #expect(MerkleTree.verifyInclusion(leafHash: hashes[index], index: index, size: size, proof: proof, root: root))
            #expect(!MerkleTree.verifyInclusion(leafHash: MerkleTree.leafHash([0xFF]), index: index, size: size, proof: proof, root: root))
            #expect(!MerkleTree.verifyInclusion(leafHash: hashes[index], index: index, size: size, proof: proof + [root], root: root))
            if !proof.isEmpty {
                #expect(!MerkleTree.verifyInclusion(leafHash: hashes[index], index: index, size: size, proof: proof.dropLast(), root: root))
            }
            #expect(!MerkleTree.verifyInclusion(leafHash: hashes[index], index: index, size: size, proof: proof, root: Digest.sha256([1])))
            if size > 1 {
                #expect(!MerkleTree.verifyInclusion(leafHash: hashes[index], index: (index + 1) % size, size: size, proof: proof, root: root))
            }
        }
    }
}

/// A log summed up as a compact range gives the same roots as the whole log, whatever the sizes.
@Suite("Merkle tree compact ranges")
struct MerkleCompactRangeTests {
    @Test("from any size to any larger one, the root and the next compact range match the whole tree's", arguments: [0, 1, 2, 3, 5, 8, 13, 31])
    func continuation(_ size: Int) {
        let leaves = (0..<40).map { MerkleTree.leafHash([UInt8(truncatingIfNeeded: $0)]) }
        let range = MerkleTree.CompactRange(leaves.prefix(size))
        for larger in size...40 {
            let added = leaves[size..<larger]
            #expect(range.appending(added).root == MerkleTree.root(leaves.prefix(larger)))
            #expect(range.appending(added) == MerkleTree.CompactRange(leaves.prefix(larger)))
        }
        let sizes = [size - 1, size, size + 3, 40, 41]
        let ranges = range.ranges(continuedBy: leaves[size...], at: sizes)
        #expect(Set(ranges.keys) == Set(sizes.filter { (size...40).contains($0) }))
        for (larger, found) in ranges {
            #expect(found == MerkleTree.CompactRange(leaves.prefix(larger)))
        }
    }
}
