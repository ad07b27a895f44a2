import Foundation
import Testing
import VaultStore

@Suite("Every row type reads back as written")
struct RoundTripTests {
    @Test(arguments: Backend.all) func metadataAndVaultKeys(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        #expect(try store.read { try $0.metadata() } == nil)
        let retired = VaultKeyVersion(version: 1, createdAt: Sample.time, retiredAt: Sample.time.addingTimeInterval(60))
        try store.write { w throws in
            try w.setMetadata(Sample.metadata())
            try w.insert(Sample.vaultKeyVersion(1))
            try w.insert(Sample.vaultKeyVersion(2))
            try w.update(retired)
            try w.insert(Sample.sealedVaultKey(version: 1, holder: 1))
            try w.insert(SealedVaultKey(version: 2, holderFingerprint: Sample.fingerprint(9),
                                        holderKind: .recoveryCertificate, sealedKey: Sample.blob(9)))
        }
        var changed = Sample.metadata()
        changed.twoPersonRule = false
        try store.write { try $0.setMetadata(changed) }
        try store.read { r throws in
            #expect(try r.metadata() == changed)
            #expect(try r.vaultKeyVersions() == [retired, Sample.vaultKeyVersion(2)])
            #expect(try r.sealedVaultKeys(version: 1) == [Sample.sealedVaultKey(version: 1, holder: 1)])
            #expect(try r.sealedVaultKeys(version: 2).map(\.holderKind) == [.recoveryCertificate])
        }
        try store.write { try $0.deleteSealedVaultKeys(version: 1) }
        #expect(try store.read { try $0.sealedVaultKeys(version: 1) }.isEmpty)
    }

    @Test(arguments: Backend.all) func professionalsAndPatients(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        var removed = Sample.professional(2)
        removed.removedAt = Sample.time.addingTimeInterval(5)
        var shredded = Sample.patient(4)
        shredded.shreddedAt = Sample.time
        shredded.currentKeyVersion = 3
        try store.write { w throws in
            try w.insert(Sample.professional(1, role: .admin))
            try w.insert(Sample.professional(2))
            try w.update(removed)
            try w.insert(Sample.patient(3))
            try w.insert(Sample.patient(4))
            try w.update(shredded)
        }
        try store.read { r throws in
            #expect(try r.professional(fingerprint: Sample.fingerprint(1)) == Sample.professional(1, role: .admin))
            #expect(try r.professional(fingerprint: Sample.fingerprint(7)) == nil)
            #expect(try r.professionals() == [Sample.professional(1, role: .admin), removed])
            #expect(try r.patient(id: Sample.id(3)) == Sample.patient(3))
            #expect(try r.patient(blindIndex: Sample.fingerprint(4)) == shredded)
            #expect(try r.patient(blindIndex: Sample.fingerprint(5)) == nil)
            #expect(try r.patients() == [Sample.patient(3), shredded])
        }
    }

    @Test(arguments: Backend.all) func keysGrantsAndTeams(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        let teamGrant = TeamGrant(patientID: Sample.id(3), teamID: Sample.id(0x70), grantedBy: Sample.fingerprint(1),
                                  grantedAt: Sample.time)
        let member = TeamMember(teamID: Sample.id(0x70), fingerprint: Sample.fingerprint(2), addedAt: Sample.time)
        let rewrapped = EscrowKey(patientID: Sample.id(3), keyVersion: 1, vaultKeyVersion: 2, wrappedKey: Sample.blob(8))
        try store.write { w throws in
            try Sample.base(w)
            try w.insert(Sample.professional(2))
            try w.insert(Sample.vaultKeyVersion(2))
            try w.insert(Sample.patient(3))
            try w.insert(Sample.patient(4))
            try w.insert(Sample.escrowKey(patient: 3))
            try w.insert(Sample.escrowKey(patient: 3, keyVersion: 2))
            try w.insert(Sample.escrowKey(patient: 4))
            try w.updateEscrowKey(rewrapped)
            try w.insert(Sample.grant(patient: 3, to: 2))
            try w.insert(Sample.pendingGrant(patient: 3, to: 9))
            try w.insert(Sample.team(0x71))
            try w.insert(member)
            try w.insert(teamGrant)
        }
        try store.read { r throws in
            #expect(try r.escrowKeys(patientID: Sample.id(3)) == [rewrapped, Sample.escrowKey(patient: 3, keyVersion: 2)])
            #expect(try r.escrowKeys(vaultKeyVersion: 1, limit: 1) == [Sample.escrowKey(patient: 3, keyVersion: 2)])
            #expect(try r.escrowKeys(vaultKeyVersion: 1, limit: 10).count == 2)
            #expect(try r.escrowKeyCounts() == [1: 2, 2: 1])
            #expect(try r.grants(patientID: Sample.id(3)) == [Sample.grant(patient: 3, to: 2)])
            #expect(try r.grants(fingerprint: Sample.fingerprint(2)) == [Sample.grant(patient: 3, to: 2)])
            #expect(try r.pendingGrants(fingerprint: Sample.fingerprint(9)) == [Sample.pendingGrant(patient: 3, to: 9)])
            #expect(try r.pendingGrants(patientID: Sample.id(3)) == [Sample.pendingGrant(patient: 3, to: 9)])
            #expect(try r.teams() == [Sample.team(0x70), Sample.team(0x71)])
            #expect(try r.members(teamID: Sample.id(0x70)) == [member])
            #expect(try r.teams(fingerprint: Sample.fingerprint(2)) == [Sample.team(0x70)])
            #expect(try r.teamGrants(patientID: Sample.id(3)) == [teamGrant])
        }
        try store.write { w throws in
            try w.deleteGrant(patientID: Sample.id(3), fingerprint: Sample.fingerprint(2), keyVersion: 1)
            try w.deletePendingGrant(patientID: Sample.id(3), fingerprint: Sample.fingerprint(9), keyVersion: 1)
            try w.deleteTeamGrant(patientID: Sample.id(3), teamID: Sample.id(0x70))
            try w.deleteTeamMember(teamID: Sample.id(0x70), fingerprint: Sample.fingerprint(2))
            try w.deleteGrant(patientID: Sample.id(3), fingerprint: Sample.fingerprint(2), keyVersion: 1)
        }
        try store.read { r throws in
            #expect(try r.grants(patientID: Sample.id(3)).isEmpty)
            #expect(try r.pendingGrants(patientID: Sample.id(3)).isEmpty)
            #expect(try r.teamGrants(patientID: Sample.id(3)).isEmpty)
            #expect(try r.teams(fingerprint: Sample.fingerprint(2)).isEmpty)
        }
    }

    @Test(arguments: Backend.all) func recordsPolicyEventsCheckpointsAndRekeys(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        let rekey = PendingRekey(patientID: Sample.id(3), reason: "opposition", queuedAt: Sample.time)
        let withoutSubject = PolicyEvent(eventID: Sample.id(0x21), patientID: Sample.id(3), kind: "consent",
                                         payload: Sample.blob(2), subjectFingerprint: nil,
                                         recordedBy: Sample.fingerprint(1), recordedAt: Sample.time)
        let checkpoint = try store.write { w throws in
            try Sample.base(w)
            try w.insert(Sample.patient(3))
            try w.insert(Sample.policyEvent(0x20, patient: 3))
            try w.insert(withoutSubject)
            try w.insert(Sample.recordVersion(record: 0x30, patient: 3))
            try w.insert(Sample.recordVersion(record: 0x30, patient: 3, version: 2))
            try w.insert(rekey)
            let entry = try Sample.audit(w, patient: 3)
            let checkpoint = AuditCheckpoint(sequence: entry.sequence, headHash: entry.hash,
                                             signerFingerprint: Sample.fingerprint(1), signature: Sample.blob(7, 256),
                                             signedAt: Sample.time)
            try w.insert(checkpoint)
            return checkpoint
        }
        try store.read { r throws in
            #expect(try r.policyEvents(patientID: Sample.id(3)) == [Sample.policyEvent(0x20, patient: 3), withoutSubject])
            #expect(try r.recordVersions(patientID: Sample.id(3)).map(\.version) == [1, 2])
            #expect(try r.recordVersions(recordID: Sample.id(0x30))
                    == [Sample.recordVersion(record: 0x30, patient: 3), Sample.recordVersion(record: 0x30, patient: 3, version: 2)])
            #expect(try r.recordVersion(recordID: Sample.id(0x30), version: 2) == Sample.recordVersion(record: 0x30, patient: 3, version: 2))
            #expect(try r.recordVersion(recordID: Sample.id(0x30), version: 3) == nil)
            #expect(try r.auditCheckpoints() == [checkpoint])
            #expect(try r.pendingRekeys() == [rekey])
        }
        try store.write { try $0.deletePendingRekey(patientID: Sample.id(3)) }
        #expect(try store.read { try $0.pendingRekeys() }.isEmpty)
    }

    @Test(arguments: Backend.all) func recoveryCertificateDepositsAndHolders(_ backend: Backend) throws {
        let fresh = try backend.fresh()
        let store = fresh.store
        let first = RecoveryCertificate(fingerprint: Sample.fingerprint(9), certificate: Sample.blob(9, 300), setAt: Sample.time)
        let second = RecoveryCertificate(fingerprint: Sample.fingerprint(8), certificate: Sample.blob(8, 300), setAt: Sample.time)
        var deposit = Sample.escrowKey(patient: 4)
        deposit.wrappedKey = [EscrowKey.depositMarker] + Sample.blob(4, 40)
        try store.write { w throws in
            #expect(try w.recoveryCertificate() == nil)
            try w.setRecoveryCertificate(first)
            try w.setRecoveryCertificate(second)
            try w.insert(Sample.vaultKeyVersion(1))
            try w.insert(Sample.sealedVaultKey(version: 1, holder: 1))
            try w.insert(Sample.sealedVaultKey(version: 1, holder: 8))
            try w.insert(Sample.patient(3))
            try w.insert(Sample.patient(4))
            try w.insert(Sample.escrowKey(patient: 3))
            try w.insert(deposit)
        }
        try store.write { try $0.deleteSealedVaultKeys(holderFingerprint: Sample.fingerprint(8)) }
        try store.read { r throws in
            #expect(try r.recoveryCertificate() == second)
            #expect(try r.sealedVaultKeys(version: 1) == [Sample.sealedVaultKey(version: 1, holder: 1)])
            #expect(try r.escrowDeposits(vaultKeyVersion: 1, limit: 10) == [deposit])
            #expect(try r.escrowDepositCounts() == [1: 1])
            #expect(try r.escrowKeyCounts() == [1: 2])
            #expect(try r.escrowKeys(vaultKeyVersion: 1, limit: 1) == [Sample.escrowKey(patient: 3)])
        }
    }

    @Test func timesKeepMilliseconds() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.1236)
        #expect(StoredTime.milliseconds(date) == 1_700_000_000_124)
        let stored = StoredTime.date(milliseconds: 1_700_000_000_124)
        #expect(StoredTime.milliseconds(stored) == 1_700_000_000_124)
    }
}
