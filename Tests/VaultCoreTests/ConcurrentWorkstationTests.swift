import Foundation
import Testing
@testable import VaultCore

/// The test server, when the environment names one (Scripts/test does).
private let postgresURL = ProcessInfo.processInfo.environment["CPSVAULT_TEST_POSTGRES_URL"]

/// Two workstations sharing one vault on PostgreSQL write at the same time: neither waits for
/// the other, and readers wait for neither.
@Suite("Workstations writing at once on PostgreSQL", .enabled(if: postgresURL != nil, "needs CPSVAULT_TEST_POSTGRES_URL"))
struct ConcurrentWorkstationTests {
    /// The first workstation's record transaction is held open while its content is read; from
    /// there the second workstation adds a record, which commits, and lists the patient's records.
    /// Were writers to take turns, the second would wait for the first, which waits for it, and
    /// the test would never end.
    @Test("a record is added and read while another workstation's record transaction is open", .timeLimit(.minutes(1)))
    func twoWorkstationsAddRecordsAtOnce() throws {
        let fixture = try VaultFixture(backend: .postgres)
        let first = try fixture.session(.physician1)
        let patient = try first.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
        let otherWorkstation = try fixture.backing.open(trust: fixture.trust)
        let second = try VaultSession.open(otherWorkstation, card: fixture.card(.physician1, in: fixture.professional))
        var secondRecord: RecordSummary?
        var listedMeanwhile: [RecordSummary] = []
        var offered = false
        let firstRecord = try first.care.addRecord(patient: patient, contentType: "text/plain") { _ in
            // Inside the first record's write transaction, which is still open.
            if secondRecord == nil {
                secondRecord = try second.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("second"))
                listedMeanwhile = try second.care.records(patient: patient).items
            }
            defer { offered = true }
            return offered ? Data() : Data("first".utf8)
        }
        let added = try #require(secondRecord)
        #expect(listedMeanwhile.map(\.recordID) == [added.recordID])
        #expect(Set(try first.care.records(patient: patient).items.map(\.recordID)) == [firstRecord.recordID, added.recordID])
        try first.auditTrail.signAuditCheckpoint()
        let report = try AuditVerifier.verify(fixture.vault)
        #expect(report.isIntact && report.unintegratedEntries == 0 && report.unsignedEntries == 0, "\(report)")
    }
}
