import Testing
import VaultStore

@Suite("Keys, references and shapes are enforced")
struct ConstraintTests {
    /// Each insertion fails on a store already holding `Sample.populate(patient: 3, team: 0x70)`.
    static let duplicates: [(String, @Sendable (any VaultWriting) throws -> Void)] = [
        ("patient id", { try $0.insert(Sample.patient(3)) }),
        ("patient blind index", { w throws in
            var other = Sample.patient(4)
            other.blindIndex = Sample.fingerprint(3)
            try w.insert(other)
        }),
        ("professional", { try $0.insert(Sample.professional(1)) }),
        ("vault key version", { try $0.insert(Sample.vaultKeyVersion(1)) }),
        ("escrow key", { try $0.insert(Sample.escrowKey(patient: 3)) }),
        ("grant", { try $0.insert(Sample.grant(patient: 3, to: 1)) }),
        ("pending grant", { try $0.insert(Sample.pendingGrant(patient: 3, to: 2)) }),
        ("team", { try $0.insert(Sample.team(0x70)) }),
        ("team grant", { try $0.insert(TeamGrant(patientID: Sample.id(3), teamID: Sample.id(0x70),
                                                 grantedBy: Sample.fingerprint(1), grantedAt: Sample.time)) }),
        ("policy event", { try $0.insert(Sample.policyEvent(103, patient: 3)) }),
        ("record version", { try $0.insert(Sample.recordVersion(record: 53, patient: 3)) }),
        ("segment", { try $0.insert(RecordSegment(recordID: Sample.id(53), version: 1, index: 0, ciphertext: [1])) }),
        ("pending rekey", { try $0.insert(PendingRekey(patientID: Sample.id(3), reason: "x", queuedAt: Sample.time)) }),
    ]

    @Test(arguments: Backend.all, duplicates.indices)
    func duplicateKeysThrowDuplicate(_ backend: Backend, _ index: Int) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        try store.write { w throws in
            try Sample.base(w)
            try Sample.populate(w, patient: 3, team: 0x70)
        }
        let (name, insert) = Self.duplicates[index]
        let error = #expect(throws: VaultStoreError.self, "\(name)") { try store.write(insert) }
        guard case .duplicate(let what)? = error else {
            Issue.record("\(name): \(String(describing: error))")
            return
        }
        #expect(error?.description == "\(what) already exists.")
    }

    @Test func duplicatePatientMessage() {
        #expect(VaultStoreError.duplicate(what: "A patient with this identifier").description
                == "A patient with this identifier already exists.")
    }

    @Test(arguments: Backend.all) func missingReferencesAreRefused(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        #expect(throws: VaultStoreError.missingReference(what: "escrow key")) {
            try store.write { try $0.insert(Sample.escrowKey(patient: 3)) }
        }
        #expect(throws: VaultStoreError.missingReference(what: "record segment")) {
            try store.write { try $0.insert(RecordSegment(recordID: Sample.id(1), version: 1, index: 0, ciphertext: [])) }
        }
    }

    @Test(arguments: Backend.all) func wrongSizesAreRefused(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        var patient = Sample.patient(3)
        patient.patientID = [1, 2, 3]
        let error = #expect(throws: VaultStoreError.self) { try store.write { try $0.insert(patient) } }
        guard case .invalid(let what)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(what.hasPrefix("patient"))
    }

    @Test(arguments: Backend.all) func updatingAMissingRowThrowsNotFound(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        #expect(throws: VaultStoreError.notFound(what: "patient")) {
            try store.write { try $0.update(Sample.patient(3)) }
        }
        #expect(throws: VaultStoreError.notFound(what: "escrow key")) {
            try store.write { try $0.updateEscrowKey(Sample.escrowKey(patient: 3)) }
        }
    }

    @Test(arguments: Backend.all) func aShreddedPatientStaysShredded(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        var patient = Sample.patient(3)
        patient.shreddedAt = Sample.time
        try store.write { try $0.insert(patient) }
        patient.shreddedAt = nil
        #expect(throws: VaultStoreError.refused(rule: "a shredded patient stays shredded")) {
            try store.write { try $0.update(patient) }
        }
    }
}
