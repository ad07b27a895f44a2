import CardStackTesting
import Foundation
import GRDB
import Testing
@testable import VaultCore
import VaultCrypto

extension VaultTests {
    /// The audit log as a verifiable log: signed tree heads, inclusion proofs a third party can
    /// check, incremental verification, and a workstation that notices a log that went back.
    @Suite("The audit log, verifiable")
    struct AuditLogTests {
        /// A vault with a few audited acts, each session's head signed, and a folder for what
        /// this workstation keeps.
        static func vault() throws -> (VaultFixture, VaultSession, URL) {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            _ = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Note"))
            try physician.auditTrail.signAuditCheckpoint()
            return (fixture, physician, fixture.folder.appendingPathComponent("state"))
        }

        @Test("an entry's inclusion proof checks against the signed tree head, with the card's signature")
        func inclusionProof() throws {
            let (fixture, physician, _) = try Self.vault()
            let size = try physician.auditTrail.signTreeHead()
            let proof = try AuditVerifier.prove(fixture.vault, sequence: 3)
            #expect(proof.treeSize == size)
            let entryHash = try #require([UInt8](hexString: proof.entryHash))
            let root = try #require([UInt8](hexString: proof.root))
            #expect(MerkleTree.verifyInclusion(leafHash: MerkleTree.leafHash(entryHash), index: 2, size: Int(size),
                                               proof: proof.path.compactMap { [UInt8](hexString: $0) }, root: root))
            let head = try #require(try fixture.vault.store.read { try $0.auditLeaves(from: size - 1, limit: 1).first })
            let message = Digest.sha256DigestInfo(AuditHash.treeHeadMessage(size: size, root: root, headHash: head.hash))
            #expect(physician.card.certificates.authentication.publicKey
                .isValidPKCS1Signature(try #require([UInt8](hexString: proof.signature)), over: message))
            #expect(throws: VaultError.noSuchAuditEntry(10_000)) { try AuditVerifier.prove(fixture.vault, sequence: 10_000) }
            #expect(try AuditVerifier.verify(fixture.vault).isIntact)
        }

        @Test("after a full verification, --since-last reads only the new entries and finds the same root")
        func incrementalVerification() throws {
            let (fixture, physician, state) = try Self.vault()
            let full = try AuditVerifier.verify(fixture.vault, witnessFolder: state)
            #expect(full.isIntact && full.checkedEntries == full.entries)
            _ = try physician.care.patients()
            try physician.auditTrail.signTreeHead()
            let again = try AuditVerifier.verify(fixture.vault, witnessFolder: state, incremental: true)
            let whole = try AuditVerifier.verify(fixture.vault)
            #expect(again.isIntact && again.checkedEntries < again.entries && again.checkedEntries > 0)
            #expect(again.root == whole.root && again.entries == whole.entries)
        }

        @Test("a log cut back below what this workstation saw signed is tampering, for audit verify and for the next session")
        func rollbackDetected() throws {
            let (fixture, physician, state) = try Self.vault()
            _ = try physician.care.patients()
            try physician.auditTrail.signAuditCheckpoint()
            try fixture.vault.recordWitness(in: state)
            let seen = try #require(try AuditWitness.load(for: fixture.vault, in: state))
            // Someone with the database file deletes the last entries and their checkpoints.
            let database = try DatabaseQueue(path: fixture.vault.path)
            try database.write { db in
                for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                    try db.execute(sql: "DROP TRIGGER \"\(trigger)\"")
                }
                try db.execute(sql: "DELETE FROM audit_checkpoint WHERE sequence >= ?", arguments: [seen.size - 1])
                try db.execute(sql: "DELETE FROM audit_entry WHERE leaf_index >= ?", arguments: [seen.size - 2])
                // and puts the tree's state back to what it was then.
                let leaves = try Data.fetchAll(db, sql: "SELECT hash FROM audit_entry ORDER BY leaf_index").map { MerkleTree.leafHash([UInt8]($0)) }
                let tree = MerkleTree.CompactRange(leaves[...]).stored
                try db.execute(sql: "UPDATE audit_tree SET size = ?, compact_range = ?", arguments: [tree.size, Data(tree.compactRange)])
            }
            #expect(try AuditVerifier.verify(fixture.vault).isIntact, "the log alone cannot tell")
            let report = try AuditVerifier.verify(fixture.vault, witnessFolder: state)
            #expect(!report.isIntact && report.problems.contains { $0.contains("went back") })
            #expect(throws: VaultError.self) { try fixture.vault.checkWitness(in: state) }
        }
    }
}
