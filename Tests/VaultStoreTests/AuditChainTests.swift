import Foundation
import Testing
import VaultStore

@Suite("The audit chain")
struct AuditChainTests {
    @Test(arguments: Backend.all) func appendAssignsSequencesAndChainsHashes(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        let time = Date(timeIntervalSince1970: 1_700_000_000.123456)
        let first = try store.write { w throws in
            try w.appendAudit(time: time, actorFingerprint: nil, actorNationalID: nil, action: "vault.init",
                              patientID: nil, outcome: "granted", reason: "", hash: Sample.auditHash)
        }
        #expect(first.sequence == 1)
        #expect(first.previousHash == [UInt8](repeating: 0, count: 32))
        #expect(first.hash == Sample.auditHash(1, first.previousHash))
        #expect(first.time == StoredTime.date(milliseconds: StoredTime.milliseconds(time)))

        let (second, third) = try store.write { w in (try Sample.audit(w, patient: 3), try Sample.audit(w)) }
        #expect(second.sequence == 2 && second.previousHash == first.hash)
        #expect(third.sequence == 3 && third.previousHash == second.hash)
        try store.read { r throws in
            #expect(try r.lastAuditEntry() == third)
            #expect(try r.auditEntries(from: 1, limit: 10) == [first, second, third])
            #expect(try r.auditEntries(from: 2, limit: 1) == [second])
        }
    }

    @Test(arguments: Backend.all) func anEmptyChainHasNoHead(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        #expect(try store.read { try $0.lastAuditEntry() } == nil)
        #expect(try store.read { try $0.auditEntries(from: 1, limit: 5) }.isEmpty)
    }

    @Test(arguments: Backend.all) func aHashOfTheWrongSizeIsRefused(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        #expect(throws: VaultStoreError.self) {
            try store.write { w throws in
                try w.appendAudit(time: Sample.time, actorFingerprint: nil, actorNationalID: nil, action: "x",
                                  patientID: nil, outcome: "failed", reason: "", hash: { _, _ in [1, 2] })
            }
        }
        #expect(try store.read { try $0.lastAuditEntry() } == nil)
    }

    @Test(arguments: Backend.all) func aCheckpointMustSignTheEntryHash(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try store.write { try Sample.audit($0) }
        #expect(throws: VaultStoreError.refused(rule: "a checkpoint must carry the hash of the entry it signs")) {
            try store.write { w throws in
                try w.insert(AuditCheckpoint(sequence: 1, headHash: Sample.fingerprint(5), signerFingerprint: Sample.fingerprint(1),
                                             signature: [1], signedAt: Sample.time))
            }
        }
    }
}
