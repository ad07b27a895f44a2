import Testing
import VaultStore

/// An error of the caller's, not of the store.
private struct Abandon: Error {}

@Suite("Transactions")
struct TransactionTests {
    @Test(arguments: Backend.all) func aThrowInsideWriteLeavesNothing(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        #expect(throws: Abandon.self) {
            try store.write { w throws in
                try Sample.base(w)
                try Sample.populate(w, patient: 3, team: 0x70)
                try Sample.audit(w, patient: 3)
                throw Abandon()
            }
        }
        try store.read { r throws in
            #expect(try r.professionals().isEmpty)
            #expect(try r.patients().isEmpty)
            #expect(try r.teams().isEmpty)
            #expect(try r.auditEntries(from: 0, limit: 1).isEmpty)
        }
    }

    @Test(arguments: Backend.all) func aStoreErrorInsideWriteRollsBackEarlierChanges(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try store.write { try $0.insert(Sample.patient(3)) }
        #expect(throws: VaultStoreError.duplicate(what: "A patient with this identifier")) {
            try store.write { w throws in
                try w.insert(Sample.patient(4))
                try w.insert(Sample.patient(3))
            }
        }
        #expect(try store.read { try $0.patients() } == [Sample.patient(3)])
    }

    @Test(arguments: Backend.all) func readersSeeWholeTransactionsWhileAWriterWrites(_ backend: Backend) async throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try store.write { try $0.insert(Sample.vaultKeyVersion(1)) }
        let patients = 120
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for n in 0..<patients {
                    try store.write { w throws in
                        try w.insert(Sample.patient(UInt8(n)))
                        try w.insert(Sample.escrowKey(patient: UInt8(n)))
                        try Sample.audit(w, patient: UInt8(n))
                    }
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    var seen = 0
                    while seen < patients {
                        let (count, escrowed, audited) = try store.read { r throws in
                            (try r.patients().count, try r.escrowKeyCounts()[1] ?? 0,
                             Int64(try r.auditEntries(from: 0, limit: 10_000).count))
                        }
                        #expect(count == escrowed && Int64(count) == audited)
                        #expect(count >= seen)
                        seen = count
                        await Task.yield()
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
