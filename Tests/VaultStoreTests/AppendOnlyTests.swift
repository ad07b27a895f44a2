import GRDB
import Testing
import VaultStore

/// History cannot be rewritten even through raw SQL on the database file.
@Suite("Append-only history")
struct AppendOnlyTests {
    static let tampering = [
        "UPDATE audit_entry SET reason = 'nothing happened'",
        "DELETE FROM audit_entry",
        "UPDATE audit_checkpoint SET signature = x'00'",
        "DELETE FROM audit_checkpoint",
        "UPDATE record_version SET header = x'00'",
        "DELETE FROM record_version",
        "UPDATE record_segment SET ciphertext = x'00'",
        "DELETE FROM record_segment",
        "UPDATE policy_event SET kind = 'consent'",
        "DELETE FROM policy_event",
        "DELETE FROM patient",
        "INSERT INTO audit_entry (sequence, time, action, outcome, reason, previous_hash, hash) "
            + "VALUES (9, 0, 'forged', 'granted', '', zeroblob(32), zeroblob(32))",
    ]

    @Test(arguments: tampering)
    func rawSQLCannotRewriteHistory(_ sql: String) throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try store.write { w throws in
            try Sample.base(w)
            try Sample.populate(w, patient: 3, team: 0x70)
            let entry = try Sample.audit(w, patient: 3)
            try w.insert(AuditCheckpoint(sequence: 1, headHash: entry.hash, signerFingerprint: Sample.fingerprint(1),
                                         signature: [1, 2, 3], signedAt: Sample.time))
        }
        let raw = try DatabaseQueue(path: folder.database)
        let error = #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: sql) } }
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER)
        #expect(try store.read { try $0.auditEntries(from: 1, limit: 10).count } == 1)
        #expect(try store.read { try $0.recordVersions(patientID: Sample.id(3)).count } == 1)
    }

    @Test func recordsOfALivePatientCannotBeDeleted() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
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
