import Foundation
import Testing
import VaultStore

/// A patient's access facts read up front (`readingAccessFacts`) answer every query exactly as
/// the snapshot does: the rows they cover from what was read together, the others from the store.
struct AccessFactsTests {
    /// Binding keys as the log names them: 64 hexadecimal characters.
    static let boundKey = String(repeating: "ab", count: 32), unboundKey = String(repeating: "cd", count: 32)

    @Test(arguments: Backend.all) func accessFactsAnswerAsTheSnapshot(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try store.write { w throws in
            try Sample.base(w)
            // A text column whose value reads like a bytea's hexadecimal text stays text.
            var named = Sample.professional(2)
            named.nationalID = "\\x4142"
            try w.insert(named)
            try w.insert(Sample.professional(4))
            try Sample.populate(w, patient: 3, team: 0x70)
            try w.insert(Sample.team(0x71))
            for team: UInt8 in [0x71, 0x70] {
                try w.insert(TeamMember(teamID: Sample.id(team), fingerprint: Sample.fingerprint(1), addedAt: Sample.time))
            }
            try w.insert(TeamMember(teamID: Sample.id(0x70), fingerprint: Sample.fingerprint(4), addedAt: Sample.time))
            try w.insert(Sample.patient(5))
            try w.insert(Sample.grant(patient: 5, to: 4))
            for digest: UInt8 in [1, 2] {
                _ = try w.appendAudit(time: Sample.time, actorFingerprint: nil, actorNationalID: nil, action: AuditEntry.bindingAction,
                                      patientID: nil, outcome: "granted",
                                      reason: Self.boundKey + " " + String(repeating: "0\(digest)", count: 32),
                                      hash: Sample.auditHash(digest))
            }
        }
        try store.read { r throws in
            let facts = try r.readingAccessFacts(patientID: Sample.id(3), fingerprint: Sample.fingerprint(1),
                                                 bindingKeys: [Self.boundKey, Self.unboundKey])
            for patient: UInt8 in [3, 5, 9] {
                let id = Sample.id(patient)
                #expect(try facts.patient(id: id) == r.patient(id: id))
                #expect(try facts.policyEvents(patientID: id) == r.policyEvents(patientID: id))
                #expect(try facts.grants(patientID: id) == r.grants(patientID: id))
                #expect(try facts.pendingGrants(patientID: id) == r.pendingGrants(patientID: id))
                #expect(try facts.teamGrants(patientID: id) == r.teamGrants(patientID: id))
            }
            for professional: UInt8 in [1, 2, 4, 9] {
                let fingerprint = Sample.fingerprint(professional)
                #expect(try facts.professional(fingerprint: fingerprint) == r.professional(fingerprint: fingerprint))
                #expect(try facts.teams(fingerprint: fingerprint) == r.teams(fingerprint: fingerprint))
            }
            #expect(try facts.professional(fingerprint: Sample.fingerprint(2))?.nationalID == "\\x4142")
            #expect(try facts.teams(fingerprint: Sample.fingerprint(1)).count == 2)
            for key in [Self.boundKey, Self.unboundKey, String(repeating: "ef", count: 32)] {
                #expect(try facts.latestBinding(key: key) == r.latestBinding(key: key))
            }
            #expect(try facts.latestBinding(key: Self.boundKey)?.reason.hasSuffix("02") == true)
            #expect(try facts.recordVersions(patientID: Sample.id(3)) == r.recordVersions(patientID: Sample.id(3)))
        }
    }
}
