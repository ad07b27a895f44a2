import Foundation
import Testing
@testable import VaultCore
import VaultCrypto

/// The audit log's hashing as docs/FORMAT.md specifies it, against its golden vectors: a change
/// that alters these bytes is a new format version.
@Suite("Audit log format, versions 1 and 2")
struct AuditFormatTests {
    static let first = AuditEvent(actorFingerprint: Array(0..<32), actorNationalID: "810002345671", action: .recordRead,
                                  patientID: [UInt8](hexString: "00112233445566778899AABBCCDDEEFF"), outcome: .granted,
                                  reason: "record 00 version 1")
    static let second = AuditEvent(actorFingerprint: nil, actorNationalID: nil, action: .sessionAuthenticate,
                                   outcome: .refused, reason: "PIN blocked")

    @Test("two chained entries and a checkpoint hash to the documented bytes (version 1)")
    func chainedGoldenVector() {
        let firstHash = AuditHash.chainedHash(sequence: 1, time: Date(timeIntervalSince1970: 1_764_892_800), previousHash: Array(repeating: 0, count: 32),
                                       event: Self.first)
        #expect(firstHash.hexString.lowercased() == "82a3875e3723e150566394466c4824d7665bf91d2cb60d05f417912c5d804786")
        let secondHash = AuditHash.chainedHash(sequence: 2, time: Date(timeIntervalSince1970: 1_764_892_801), previousHash: firstHash,
                                        event: Self.second)
        #expect(secondHash.hexString.lowercased() == "19a002291720f6000b8a049f9f38a0a0c7439d08b28b108cdaa483492f88feee")
        let message = AuditHash.checkpointMessage(sequence: 2, headHash: secondHash)
        #expect(Digest.sha256(message).hexString.lowercased() == "cf72f685a3ee761755b51a8aabde9089e29dc9a935ffaa3fdcd2af6caa7967cb")
    }

    @Test("two entries, their tree and its signed head hash to the documented bytes (version 2)")
    func goldenVector() throws {
        let firstHash = AuditHash.hash(time: Date(timeIntervalSince1970: 1_764_892_800), event: Self.first)
        #expect(firstHash.hexString.lowercased() == "ba4380b32cd737f03b465267f9ea509100977dc3504da8cf9de30befa106fa51")
        let secondHash = AuditHash.hash(time: Date(timeIntervalSince1970: 1_764_892_801), event: Self.second)
        #expect(secondHash.hexString.lowercased() == "6419f7eb313ee74741da153d3410ee879b2ed73ae6e3cda5b4203e7e93a7bb7d")
        let leaves = [firstHash, secondHash].map(MerkleTree.leafHash)
        #expect(leaves[0].hexString.lowercased() == "45c5f9bcab48d3b892178a3c5678ff5993aeb1d93bd58e4d1fd9a8329702b75d")
        let root = MerkleTree.root(leaves[...])
        #expect(root.hexString.lowercased() == "91cf96acba3f69050e070924786fdcc9901ef3b51ffce68a9c80201bedda3ffe")
        let range = try MerkleTree.CompactRange(stored: MerkleTree.CompactRange(leaves[...]).stored)
        #expect(range.root == root)
        let message = AuditHash.treeHeadMessage(size: 2, root: root, headHash: secondHash)
        #expect(Digest.sha256(message).hexString.lowercased() == "5f20894803f39cc389f00738bb38789a744befaca76f487fa14384805ad44907")
    }

    @Test("every act's name is stable, dotted and unique")
    func vocabulary() {
        let names = AuditAction.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.contains(".") && $0 == $0.trimmingCharacters(in: .whitespaces) })
        #expect(AuditAction.recordRead.rawValue == "record.read" && AuditAction.exportRestitution.rawValue == "export.restitution")
    }
}
