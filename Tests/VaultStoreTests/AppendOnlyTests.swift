import Testing
import VaultStore

/// History cannot be rewritten even through raw SQL on the database.
@Suite("Append-only history")
struct AppendOnlyTests {
    static let tampering = [
        "UPDATE audit_entry SET reason = 'nothing happened'",
        "DELETE FROM audit_entry",
        "UPDATE audit_checkpoint SET signature = BYTE00",
        "DELETE FROM audit_checkpoint",
        "UPDATE record_version SET header = BYTE00",
        "DELETE FROM record_version",
        "UPDATE record_segment SET ciphertext = BYTE00",
        "DELETE FROM record_segment",
        "UPDATE policy_event SET kind = 'consent'",
        "DELETE FROM policy_event",
        "DELETE FROM patient",
        "INSERT INTO audit_entry (sequence, time, action, outcome, reason, previous_hash, hash) "
            + "VALUES (9, 0, 'forged', 'granted', '', ZERO32, ZERO32)",
        "INSERT INTO audit_entry (time, action, outcome, reason, hash, leaf_index) VALUES (0, 'forged', 'granted', '', ZERO32, 0)",
        "UPDATE audit_entry SET leaf_index = 7",
        "UPDATE audit_tree SET size = 0",
        "DELETE FROM audit_tree",
    ]

    @Test(arguments: Backend.all, tampering)
    func rawSQLCannotRewriteHistory(_ backend: Backend, _ sql: String) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try store.write { w throws in
            try Sample.base(w)
            try Sample.populate(w, patient: 3, team: 0x70)
            let entry = try Sample.audit(w, patient: 3)
            _ = try Sample.integrate(w, limit: 10)
            try w.insert(AuditCheckpoint(sequence: entry.sequence, headHash: entry.hash, signerFingerprint: Sample.fingerprint(1),
                                         signature: [1, 2, 3], signedAt: Sample.time))
        }
        let error = #expect(throws: (any Error).self) { try fresh.executeRaw(backend.sql(sql)) }
        #expect(error.map(fresh.isRuleRefusal) == true, "\(String(describing: error))")
        #expect(try store.read { try $0.auditLeaves(from: 0, limit: 10).count } == 1)
        #expect(try store.read { try $0.recordVersions(patientID: Sample.id(3)).count } == 1)
    }

    @Test(arguments: Backend.all) func recordsOfALivePatientCannotBeDeleted(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try store.write { w throws in
            try Sample.base(w)
            try Sample.populate(w, patient: 3, team: 0x70)
        }
        #expect(throws: VaultStoreError.refused(rule: "record segments are append-only until the patient is shredded")) {
            try store.write { try $0.deleteRecords(patientID: Sample.id(3)) }
        }
        #expect(try store.read { try $0.recordVersions(patientID: Sample.id(3)).count } == 1)
    }
}
