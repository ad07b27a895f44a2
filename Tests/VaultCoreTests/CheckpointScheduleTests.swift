import CardStackTesting
import Foundation
import Testing
@testable import VaultCore

extension VaultTests {
    /// When the card signs the audit head while a session serves requests, and what a pulled
    /// card leaves for the next checkpoint.
    @Suite("Checkpoint schedule")
    struct CheckpointScheduleTests {
        static let schedule = CheckpointSchedule(interval: .seconds(60), entries: 100)
        static let start = ContinuousClock.now

        @Test("a checkpoint is due once the entries or the oldest one's wait reach the schedule, never with nothing unsigned", arguments: [
            (0, 0 as Int64?, 3600, false),   // nothing unsigned, however long
            (99, 0, 59, false),              // below both
            (100, 0, 0, true),               // the entries reached
            (1, 0, 60, true),                // the wait reached
            (1, nil, 3600, false),           // not seen waiting yet
            (150, nil, 0, true),
        ] as [(Int64, Int64?, Int64, Bool)])
        func due(unsigned: Int64, seenAt: Int64?, now: Int64, expected: Bool) {
            let waitingSince = seenAt.map { Self.start + .seconds($0) }
            #expect(Self.schedule.isDue(unsigned: unsigned, waitingSince: waitingSince, now: Self.start + .seconds(now)) == expected)
            #expect(Self.schedule.deadline(waitingSince: waitingSince) == waitingSince.map { $0 + .seconds(60) })
        }

        @Test("a session signs as the schedule says: not for a few entries, once their wait is over, then nothing more")
        func sessionFollowsSchedule() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            try physician.auditTrail.signAuditCheckpoint()
            let signed = try fixture.vault.store.read { try $0.auditCheckpoints() }.count
            _ = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let now = ContinuousClock.now
            #expect(try !physician.auditTrail.signAuditCheckpointIfDue(Self.schedule, now: now))
            #expect(physician.auditTrail.nextCheckpoint(Self.schedule) == now + .seconds(60))
            #expect(try physician.auditTrail.signAuditCheckpointIfDue(Self.schedule, now: now + .seconds(60)))
            #expect(try !physician.auditTrail.signAuditCheckpointIfDue(Self.schedule, now: now + .seconds(600)))
            #expect(physician.auditTrail.nextCheckpoint(Self.schedule) == nil)
            #expect(try fixture.vault.store.read { try $0.auditCheckpoints() }.count == signed + 1)
        }

        @Test("entries left unsigned by a session whose card was pulled are counted by audit verify, then covered by the next card's checkpoint")
        func pulledCardCoveredByNext() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            try physician.auditTrail.signAuditCheckpoint()
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            _ = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Note"))
            // The card leaves: the session ends with nothing signed since.
            physician.end()
            let pulled = try AuditVerifier.verify(fixture.vault)
            #expect(pulled.isIntact && pulled.unsignedEntries >= 2)
            let nurse = try fixture.session(.nurse)
            try nurse.auditTrail.signAuditCheckpoint()
            let covered = try AuditVerifier.verify(fixture.vault)
            #expect(covered.isIntact && covered.unsignedEntries == 0 && covered.entries > pulled.entries)
        }
    }
}
