import Foundation
import GRDB

extension SQLiteTransaction: VaultWriting {
    /// `PRAGMA defer_foreign_keys`: like every flag pragma it expires the connection's prepared
    /// statements, which then recompile at their next use, so callers keep it for the
    /// transactions that need it.
    func deferReferenceChecks() throws {
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
    }

    func setMetadata(_ metadata: VaultMetadata) throws { try insert(row: metadata, replacing: true) }

    func insert(_ version: VaultKeyVersion) throws { try insert(row: version) }
    func insert(_ key: SealedVaultKey) throws { try insert(row: key) }
    func insert(_ professional: Professional) throws { try insert(row: professional) }
    func insert(_ patient: Patient) throws { try insert(row: patient) }
    func insert(_ key: EscrowKey) throws { try insert(row: key) }
    func insert(_ grant: Grant) throws { try insert(row: grant) }
    func insert(_ grant: PendingGrant) throws { try insert(row: grant) }
    func insert(_ team: Team) throws { try insert(row: team) }
    func insert(_ member: TeamMember) throws { try insert(row: member) }
    func insert(_ grant: TeamGrant) throws { try insert(row: grant) }
    func insert(_ event: PolicyEvent) throws { try insert(row: event) }
    func insert(_ version: RecordVersion) throws { try insert(row: version) }
    func insert(_ segment: RecordSegment) throws { try insert(row: segment) }
    func insert(_ checkpoint: AuditCheckpoint) throws { try insert(row: checkpoint) }
    func insert(_ rekey: PendingRekey) throws { try insert(row: rekey) }

    func update(_ professional: Professional) throws { try update(row: professional) }
    func update(_ patient: Patient) throws { try update(row: patient) }
    func updateEscrowKey(_ key: EscrowKey) throws { try update(row: key) }
    func update(_ version: VaultKeyVersion) throws { try update(row: version) }

    func replaceEscrowKey(_ stored: EscrowKey, with rewrapped: EscrowKey) throws -> Bool {
        guard stored.patientID == rewrapped.patientID, stored.keyVersion == rewrapped.keyVersion else { return false }
        // One statement: a compare-and-swap on the whole row.
        let changed = try execute(
            "UPDATE escrow_key SET vault_key_version = ?, wrapped_key = ? "
                + "WHERE patient_id = ? AND key_version = ? AND vault_key_version = ? AND wrapped_key = ?",
            [rewrapped.vaultKeyVersion, rewrapped.wrappedKey.blob, stored.patientID.blob, stored.keyVersion,
             stored.vaultKeyVersion, stored.wrappedKey.blob],
            about: EscrowKey.table)
        return changed > 0
    }

    func reseal(_ version: RecordVersion, segments reseal: (RecordSegment) throws -> [UInt8]) throws {
        guard let stored = try recordVersion(recordID: version.recordID, version: version.version) else {
            throw VaultStoreError.notFound(what: RecordVersion.table.noun)
        }
        // Segment by segment, each fetched on its own, so that no cursor runs over rows being changed.
        for index in 0..<stored.segmentCount {
            guard let segment = try row(RecordSegment.self, where: "record_id = ? AND version = ? AND idx = ?",
                                        [version.recordID.blob, version.version, index]) else {
                throw VaultStoreError.notFound(what: RecordSegment.table.noun)
            }
            try execute("UPDATE \(RecordSegment.table.name) SET ciphertext = ? WHERE record_id = ? AND version = ? AND idx = ?",
                        [try reseal(segment).blob, version.recordID.blob, version.version, index], about: RecordSegment.table)
        }
        try update(row: version)
    }

    func resealPolicyEvent(eventID: [UInt8], payload: [UInt8]) throws {
        let changed = try execute("UPDATE \(PolicyEvent.table.name) SET payload = ? WHERE event_id = ?",
                                  [payload.blob, eventID.blob], about: PolicyEvent.table)
        if changed == 0 { throw VaultStoreError.notFound(what: PolicyEvent.table.noun) }
    }

    func deleteGrant(patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int) throws {
        try delete(from: Grant.table, where: Self.matching(Grant.table.key),
                   ["patient_id": patientID.blob, "fingerprint": fingerprint.blob, "key_version": keyVersion])
    }

    func deleteEscrowKey(patientID: [UInt8], keyVersion: Int) throws {
        try delete(from: EscrowKey.table, where: Self.matching(EscrowKey.table.key),
                   ["patient_id": patientID.blob, "key_version": keyVersion])
    }

    func deletePendingGrant(patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int) throws {
        try delete(from: PendingGrant.table, where: Self.matching(PendingGrant.table.key),
                   ["patient_id": patientID.blob, "fingerprint": fingerprint.blob, "key_version": keyVersion])
    }

    func deleteTeamGrant(patientID: [UInt8], teamID: [UInt8]) throws {
        try delete(from: TeamGrant.table, where: Self.matching(TeamGrant.table.key),
                   ["patient_id": patientID.blob, "team_id": teamID.blob])
    }

    func deleteTeamMember(teamID: [UInt8], fingerprint: [UInt8]) throws {
        try delete(from: TeamMember.table, where: Self.matching(TeamMember.table.key),
                   ["team_id": teamID.blob, "fingerprint": fingerprint.blob])
    }

    func deleteKeys(patientID: [UInt8]) throws {
        for table in [Grant.table, PendingGrant.table, EscrowKey.table, TeamGrant.table, PendingRekey.table] {
            try delete(from: table, where: "patient_id = ?", [patientID.blob])
        }
    }

    func deleteRecords(patientID: [UInt8]) throws {
        try delete(from: RecordSegment.table,
                   where: "(record_id, version) IN (SELECT record_id, version FROM record_version WHERE patient_id = ?)",
                   [patientID.blob])
        try delete(from: RecordVersion.table, where: "patient_id = ?", [patientID.blob])
        try delete(from: PolicyEvent.table, where: "patient_id = ?", [patientID.blob])
    }

    func deleteSealedVaultKeys(version: Int) throws {
        try delete(from: SealedVaultKey.table, where: "version = ?", [version])
    }

    func deleteSealedVaultKeys(holderFingerprint: [UInt8]) throws {
        try delete(from: SealedVaultKey.table, where: "holder_fingerprint = ?", [holderFingerprint.blob])
    }

    func setRecoveryCertificate(_ certificate: RecoveryCertificate) throws { try insert(row: certificate, replacing: true) }

    func deletePendingRekey(patientID: [UInt8]) throws {
        try delete(from: PendingRekey.table, where: "patient_id = ?", [patientID.blob])
    }

    func appendAudit(
        time: Date, actorFingerprint: [UInt8]?, actorNationalID: String?, action: String,
        patientID: [UInt8]?, outcome: String, reason: String,
        hash: (_ sequence: Int64, _ previousHash: [UInt8]) -> [UInt8]
    ) throws -> AuditEntry {
        let last = try lastAuditEntry()
        let sequence = (last?.sequence ?? 0) + 1
        let previousHash = last?.hash ?? [UInt8](repeating: 0, count: 32)
        let entry = AuditEntry(
            sequence: sequence, time: StoredTime.date(milliseconds: StoredTime.milliseconds(time)),
            actorFingerprint: actorFingerprint, actorNationalID: actorNationalID, action: action,
            patientID: patientID, outcome: outcome, reason: reason, previousHash: previousHash,
            hash: hash(sequence, previousHash))
        try insert(row: entry)
        return entry
    }
}
