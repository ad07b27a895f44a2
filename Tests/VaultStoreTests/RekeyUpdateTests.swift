import Foundation
import GRDB
import Testing
@testable import VaultStore

/// Schema version 3: the one update history allows is a rekey, moving a record version to a newer
/// patient key and rewriting its segments; nothing else.
@Suite("Rekey updates")
struct RekeyUpdateTests {
    /// Patient 3 with a two-segment record on key version 1, then moved to key version 2.
    static func rekeying(_ store: any VaultStore) throws {
        try store.write { w throws in
            try Sample.base(w)
            try Sample.populate(w, patient: 3, team: 0x70)
            var patient = try #require(try w.patient(id: Sample.id(3)))
            patient.currentKeyVersion = 2
            try w.update(patient)
        }
    }

    static func resealed(_ version: RecordVersion) -> RecordVersion {
        var moved = version
        moved.keyVersion = 2
        moved.header = Sample.blob(0xEE, version.header.count)
        moved.sealedContentType = Sample.blob(0xDD, version.sealedContentType.count)
        return moved
    }

    @Test("reseal rewrites each segment in order, then moves the version to the newer key", arguments: Backend.all)
    func resealAllowed(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try Self.rekeying(store)
        let stored = try #require(try store.read { try $0.recordVersion(recordID: Sample.id(53), version: 1) })
        var seen: [Int] = []
        try store.write { w throws in
            try w.reseal(Self.resealed(stored)) { segment in
                seen.append(segment.index)
                return segment.ciphertext.map { $0 ^ 0xFF }
            }
        }
        #expect(seen == [0, 1])
        #expect(try store.read { try $0.recordVersion(recordID: Sample.id(53), version: 1) } == Self.resealed(stored))
        var segments: [[UInt8]] = []
        try store.read { r throws in try r.forEachSegment(recordID: Sample.id(53), version: 1) { segments.append($0.ciphertext) } }
        #expect(segments == [Sample.blob(0).map { $0 ^ 0xFF }, Sample.blob(1).map { $0 ^ 0xFF }])
        // Once on the current key, the version and its segments are history again.
        #expect(throws: VaultStoreError.self) {
            try store.write { w throws in try w.reseal(Self.resealed(stored)) { $0.ciphertext } }
        }
    }

    static let refusedChanges = [
        "an author", "a size", "a key version above the patient's", "a lower key version", "a longer segment",
    ]

    @Test("reseal refuses a version that changes anything but the key, header and sealed content type",
          arguments: Backend.all, refusedChanges)
    func resealRefused(_ backend: Backend, _ change: String) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try Self.rekeying(store)
        let stored = try #require(try store.read { try $0.recordVersion(recordID: Sample.id(53), version: 1) })
        var moved = Self.resealed(stored)
        var segment: (RecordSegment) -> [UInt8] = { $0.ciphertext }
        switch change {
        case "an author": moved.authorFingerprint = Sample.fingerprint(9)
        case "a size": moved.plaintextSize += 1
        case "a key version above the patient's": moved.keyVersion = 3
        case "a lower key version": moved.keyVersion = 0
        default: segment = { $0.ciphertext + [0] }
        }
        #expect(throws: VaultStoreError.self) { try store.write { w throws in try w.reseal(moved, segments: segment) } }
        #expect(try store.read { try $0.recordVersion(recordID: Sample.id(53), version: 1) } == stored)
    }

    static let tampering = [
        "UPDATE record_version SET key_version = 2, plaintext_size = 1",
        "UPDATE record_version SET key_version = 2, created_at = 0",
        "UPDATE record_version SET key_version = 2, patient_id = patient_id, author_fingerprint = ZERO32",
        "UPDATE record_version SET key_version = 3",
        "UPDATE record_version SET header = OTHER(header)",
        "UPDATE record_version SET key_version = 2, header = BYTE00",
        "UPDATE record_segment SET idx = idx + 5",
        "UPDATE record_segment SET ciphertext = BYTE00",
        "UPDATE record_segment SET version = 2",
    ]

    @Test("raw SQL gets no other update through, even while a rekey is owed", arguments: Backend.all, tampering)
    func rawSQLRefused(_ backend: Backend, _ sql: String) throws {
        let fresh = try backend.fresh()
        try Self.rekeying(fresh.store)
        let error = #expect(throws: (any Error).self) { try fresh.executeRaw(backend.sql(sql)) }
        #expect(error.map(fresh.isRuleRefusal) == true, "\(String(describing: error))")
    }

    @Test("raw SQL can do the rekey update itself, and only while the key version is behind", arguments: Backend.all)
    func rawSQLRekey(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try Self.rekeying(store)
        try fresh.executeRaw(backend.sql("UPDATE record_segment SET ciphertext = OTHER(ciphertext)"))
        try fresh.executeRaw(backend.sql("UPDATE record_version SET key_version = 2, header = OTHER(header)"))
        let error = #expect(throws: (any Error).self) {
            try fresh.executeRaw(backend.sql("UPDATE record_segment SET ciphertext = OTHER(ciphertext)"))
        }
        #expect(error.map(fresh.isRuleRefusal) == true)
    }

    @Test("a policy event's statement is resealed only while the patient's rekey is under way, at the same length", arguments: Backend.all)
    func policyEventReseal(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try Self.rekeying(store)
        let event = Sample.policyEvent(103, patient: 3)
        let resealed = event.payload.map { $0 ^ 0x5A }
        try store.write { w throws in try w.deletePendingRekey(patientID: Sample.id(3)) }
        #expect(throws: VaultStoreError.self) {
            try store.write { w throws in try w.resealPolicyEvent(eventID: event.eventID, payload: resealed) }
        }
        try store.write { w throws in
            try w.insert(PendingRekey(patientID: Sample.id(3), reason: "rekeying to patient key version 2", queuedAt: Sample.time))
        }
        #expect(throws: VaultStoreError.self) {
            try store.write { w throws in try w.resealPolicyEvent(eventID: event.eventID, payload: resealed + [0]) }
        }
        try store.write { w throws in try w.resealPolicyEvent(eventID: event.eventID, payload: resealed) }
        #expect(try store.read { try $0.policyEvents(patientID: Sample.id(3)) }.map(\.payload) == [resealed])
        let error = #expect(throws: (any Error).self) { try fresh.executeRaw("UPDATE policy_event SET kind = 'consent'") }
        #expect(error.map(fresh.isRuleRefusal) == true)
    }

    @Test("a version 2 vault is brought to the newest version and keeps its rows")
    func migratesFromVersion2() throws {
        let folder = try TemporaryFolder()
        let raw = try DatabaseQueue(path: folder.database)
        try SQLiteSchema.migrator.migrate(raw, upTo: "v2")
        try raw.write { db in
            try db.execute(sql: "INSERT INTO patient VALUES (?, ?, x'01', 1, 0, NULL)",
                           arguments: [Sample.id(3).blob, Sample.fingerprint(3).blob])
        }
        try raw.close()
        for file in SQLiteVaultFiles(path: folder.database).all where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
        let store = try SQLiteVaultStore.openExisting(path: folder.database)
        #expect(try store.read { try $0.patient(id: Sample.id(3)) }?.blindIndex == Sample.fingerprint(3))
        let version = try DatabaseQueue(path: folder.database).read { try Int.fetchOne($0, sql: "PRAGMA user_version") }
        #expect(version == SQLiteVaultStore.schemaVersion)
    }

    @Test("purging leaves an empty WAL")
    func purgeEmptiesTheWAL() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try Self.rekeying(store)
        try store.discardDeletedContent()
        let size = try FileManager.default.attributesOfItem(atPath: folder.database + "-wal")[.size] as? Int
        #expect(size == 0)
    }
}
