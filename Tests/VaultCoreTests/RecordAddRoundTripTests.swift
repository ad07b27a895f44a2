import Foundation
import Testing
@testable import VaultCore
import VaultStorePostgres

/// What adding a record asks of a PostgreSQL server: the policy's facts and the key's grant in
/// one query on one snapshot, the record's rows sent without waiting for each answer.
@Suite("A record add's round trips on PostgreSQL", .enabled(if: VaultBackend.postgresURL != nil, "needs CPSVAULT_TEST_POSTGRES_URL"))
struct RecordAddRoundTripTests {
    /// At most 6 waits for the server per record (the budget; 3 now), in at most 8 statements:
    /// BEGIN and the facts (one wait), COMMIT (none); BEGIN, the version row, the segment and the
    /// audit entry (one wait), COMMIT (one).
    @Test func aRecordAddWaitsForTheServerAtMostSixTimes() throws {
        let fixture = try VaultFixture(backend: .postgres)
        let session = try fixture.session(.physician1)
        let patient = try session.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
        let store = try #require(fixture.vault.store.unbound as? PostgresVaultStore)
        // The first record prepares the facts query on the connection; the budget is for the next ones.
        _ = try session.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("first"))
        let before = store.traffic
        let added = try session.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("content"))
        let spent = store.traffic - before
        #expect(spent.waits <= 6, "\(spent)")
        #expect(spent.statements <= 8, "\(spent)")
        #expect(spent.waits > 0 && spent.statements >= spent.waits, "\(spent)")
        #expect(try fixture.read(session, patient: patient, record: added.recordID) == Data("content".utf8))
    }
}
