import Testing
import VaultStore

@Suite("Crypto-shredding")
struct ShreddingTests {
    @Test(arguments: Backend.all) func deleteKeysThenRecordsLeavesOnlyThePatientRowAndAudit(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try store.write { w throws in
            try Sample.base(w)
            try Sample.populate(w, patient: 3, team: 0x70)
            try Sample.populate(w, patient: 4, team: 0x70)
            try Sample.audit(w, patient: 3)
        }
        let shredded = try store.write { w throws in
            var patient = try #require(try w.patient(id: Sample.id(3)))
            patient.shreddedAt = Sample.time
            try w.update(patient)
            try w.deleteKeys(patientID: patient.patientID)
            try w.deleteRecords(patientID: patient.patientID)
            try Sample.audit(w, patient: 3)
            return patient
        }
        try store.discardDeletedContent()
        let id = Sample.id(3)
        try store.read { r throws in
            #expect(try r.patient(id: id) == shredded)
            #expect(try r.escrowKeys(patientID: id).isEmpty)
            #expect(try r.grants(patientID: id).isEmpty)
            #expect(try r.pendingGrants(patientID: id).isEmpty)
            #expect(try r.teamGrants(patientID: id).isEmpty)
            #expect(try r.policyEvents(patientID: id).isEmpty)
            #expect(try r.recordVersions(patientID: id).isEmpty)
            #expect(try r.recordVersion(recordID: Sample.id(53), version: 1) == nil)
            var segments = 0
            try r.forEachSegment(recordID: Sample.id(53), version: 1) { _ in segments += 1 }
            #expect(segments == 0)
            #expect(try r.pendingRekeys().map(\.patientID) == [Sample.id(4)])
            #expect(try r.auditEntries(from: 1, limit: 10).count == 2)
            // The other patient is untouched.
            #expect(try r.escrowKeys(patientID: Sample.id(4)).count == 1)
            #expect(try r.recordVersions(patientID: Sample.id(4)).count == 1)
        }
        #expect(throws: VaultStoreError.refused(rule: "a shredded patient gets no new records")) {
            try store.write { try $0.insert(Sample.recordVersion(record: 0x60, patient: 3)) }
        }
    }
}
