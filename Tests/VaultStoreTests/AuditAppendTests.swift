import Foundation
import Testing
import VaultStore

@Suite("Audit entries and their integration")
struct AuditAppendTests {
    @Test(arguments: Backend.all) func appendAssignsIncreasingSequencesAndNoLeaf(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        let time = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let first = try store.write { w throws in
            try w.appendAudit(time: time, actorFingerprint: nil, actorNationalID: nil, action: "vault.init",
                              patientID: nil, outcome: "granted", reason: "", hash: Sample.auditHash(1))
        }
        #expect(first.previousHash == nil && first.leafIndex == nil && first.hash == Sample.auditHash(1))
        #expect(first.time == StoredTime.date(milliseconds: StoredTime.milliseconds(time)))
        let (second, third) = try store.write { w in (try Sample.audit(w, patient: 3), try Sample.audit(w)) }
        #expect(first.sequence < second.sequence && second.sequence < third.sequence)
        try store.read { r throws in
            #expect(try r.auditEntries(from: first.sequence, limit: 10) == [first, second, third])
            #expect(try r.unintegratedAuditEntries(after: first.sequence, limit: 10) == [second, third])
            #expect(try r.auditLeaves(from: 0, limit: 10).isEmpty)
            #expect(try r.auditTree() == AuditTreeState(size: 0, compactRange: []))
        }
    }

    @Test(arguments: Backend.all) func integrationGivesLeavesInSequenceOrderAfterTheTree(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        let entries = try store.write { w in try (0..<3).map { _ in try Sample.audit(w) } }
        let tree = try store.write { w in try Sample.integrate(w, limit: 2) }
        #expect(tree == AuditTreeState(size: 2, compactRange: [2]))
        let later = try store.write { w in try Sample.audit(w) }
        #expect(try store.write { w in try Sample.integrate(w, limit: 10) } == AuditTreeState(size: 4, compactRange: [4]))
        try store.read { r throws in
            let leaves = try r.auditLeaves(from: 0, limit: 10)
            #expect(leaves.map(\.sequence) == (entries + [later]).map(\.sequence))
            #expect(leaves.map(\.leafIndex) == [0, 1, 2, 3])
            #expect(try r.auditLeaves(from: 3, limit: 1).map(\.sequence) == [later.sequence])
            #expect(try r.unintegratedAuditEntries(after: 0, limit: 10).isEmpty)
        }
        // Nothing waiting: the tree as it is.
        #expect(try store.write { w in try Sample.integrate(w, limit: 10) }?.size == 4)
    }

    @Test(arguments: Backend.all) func aHashOfTheWrongSizeIsRefused(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        #expect(throws: VaultStoreError.self) {
            try store.write { w throws in
                try w.appendAudit(time: Sample.time, actorFingerprint: nil, actorNationalID: nil, action: "x",
                                  patientID: nil, outcome: "failed", reason: "", hash: [1, 2])
            }
        }
        #expect(try store.read { try $0.auditEntries(from: 0, limit: 5) }.isEmpty)
    }

    @Test(arguments: Backend.all) func aCheckpointMustSignTheEntryHash(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        let entry = try store.write { try Sample.audit($0) }
        #expect(throws: VaultStoreError.refused(rule: "a checkpoint must carry the hash of the entry it signs")) {
            try store.write { w throws in
                try w.insert(AuditCheckpoint(sequence: entry.sequence, headHash: Sample.fingerprint(5), signerFingerprint: Sample.fingerprint(1),
                                             signature: [1], signedAt: Sample.time))
            }
        }
    }
}
