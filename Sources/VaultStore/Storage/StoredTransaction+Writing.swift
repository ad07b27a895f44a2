import Foundation

/// The vault's changes, the same on every backend.
extension StoredTransaction {
    package func setMetadata(_ metadata: VaultMetadata) throws { try insert(row: metadata, replacing: true) }

    package func insert(_ version: VaultKeyVersion) throws { try insert(row: version) }
    package func insert(_ key: SealedVaultKey) throws { try insert(row: key) }
    package func insert(_ professional: Professional) throws { try insert(row: professional) }
    package func insert(_ patient: Patient) throws { try insert(row: patient) }
    package func insert(_ key: EscrowKey) throws { try insert(row: key) }
    package func insert(_ grant: Grant) throws { try insert(row: grant) }
    package func insert(_ grant: PendingGrant) throws { try insert(row: grant) }
    package func insert(_ team: Team) throws { try insert(row: team) }
    package func insert(_ member: TeamMember) throws { try insert(row: member) }
    package func insert(_ grant: TeamGrant) throws { try insert(row: grant) }
    package func insert(_ event: PolicyEvent) throws { try insert(row: event) }
    package func insert(_ version: RecordVersion) throws { try insert(row: version) }
    package func insert(_ segment: RecordSegment) throws { try insert(row: segment) }
    package func insert(_ checkpoint: AuditCheckpoint) throws { try insert(row: checkpoint) }
    package func insert(_ rekey: PendingRekey) throws { try insert(row: rekey) }

    package func update(_ professional: Professional) throws { try update(row: professional) }
    package func update(_ patient: Patient) throws { try update(row: patient) }
    package func updateEscrowKey(_ key: EscrowKey) throws { try update(row: key) }
    package func update(_ version: VaultKeyVersion) throws { try update(row: version) }

    package func replaceEscrowKey(_ stored: EscrowKey, with rewrapped: EscrowKey) throws -> Bool {
        guard stored.patientID == rewrapped.patientID, stored.keyVersion == rewrapped.keyVersion else { return false }
        // One statement: a compare-and-swap on the whole row.
        let changed = try execute(
            "UPDATE \(EscrowKey.table.name) SET vault_key_version = ?, wrapped_key = ? "
                + "WHERE patient_id = ? AND key_version = ? AND vault_key_version = ? AND wrapped_key = ?",
            [rewrapped.vaultKeyVersion.storedValue, rewrapped.wrappedKey.storedValue, stored.patientID.storedValue,
             stored.keyVersion.storedValue, stored.vaultKeyVersion.storedValue, stored.wrappedKey.storedValue],
            about: EscrowKey.table)
        return changed > 0
    }

    package func reseal(_ version: RecordVersion, segments reseal: (RecordSegment) throws -> [UInt8]) throws {
        guard let stored = try recordVersion(recordID: version.recordID, version: version.version) else {
            throw VaultStoreError.notFound(what: RecordVersion.table.noun)
        }
        // Segment by segment, each fetched on its own, so that no cursor runs over rows being changed.
        for index in 0..<stored.segmentCount {
            let key = [version.recordID.storedValue, version.version.storedValue, index.storedValue]
            guard let segment = try row(RecordSegment.self, where: "record_id = ? AND version = ? AND idx = ?", key) else {
                throw VaultStoreError.notFound(what: RecordSegment.table.noun)
            }
            try execute("UPDATE \(RecordSegment.table.name) SET ciphertext = ? WHERE record_id = ? AND version = ? AND idx = ?",
                        [try reseal(segment).storedValue] + key, about: RecordSegment.table)
        }
        try update(row: version)
    }

    package func resealPolicyEvent(eventID: [UInt8], payload: [UInt8]) throws {
        let changed = try execute("UPDATE \(PolicyEvent.table.name) SET payload = ? WHERE event_id = ?",
                                  [payload.storedValue, eventID.storedValue], about: PolicyEvent.table)
        if changed == 0 { throw VaultStoreError.notFound(what: PolicyEvent.table.noun) }
    }

    package func deleteGrant(patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int) throws {
        try delete(from: Grant.table, where: Self.matching(Grant.table.key),
                   [patientID.storedValue, fingerprint.storedValue, keyVersion.storedValue])
    }

    package func deleteEscrowKey(patientID: [UInt8], keyVersion: Int) throws {
        try delete(from: EscrowKey.table, where: Self.matching(EscrowKey.table.key),
                   [patientID.storedValue, keyVersion.storedValue])
    }

    package func deletePendingGrant(patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int) throws {
        try delete(from: PendingGrant.table, where: Self.matching(PendingGrant.table.key),
                   [patientID.storedValue, fingerprint.storedValue, keyVersion.storedValue])
    }

    package func deleteTeamGrant(patientID: [UInt8], teamID: [UInt8]) throws {
        try delete(from: TeamGrant.table, where: Self.matching(TeamGrant.table.key),
                   [patientID.storedValue, teamID.storedValue])
    }

    package func deleteTeamMember(teamID: [UInt8], fingerprint: [UInt8]) throws {
        try delete(from: TeamMember.table, where: Self.matching(TeamMember.table.key),
                   [teamID.storedValue, fingerprint.storedValue])
    }

    package func deleteKeys(patientID: [UInt8]) throws {
        for table in [Grant.table, PendingGrant.table, EscrowKey.table, TeamGrant.table, PendingRekey.table] {
            try delete(from: table, where: "patient_id = ?", [patientID.storedValue])
        }
    }

    package func deleteRecords(patientID: [UInt8]) throws {
        try delete(from: RecordSegment.table,
                   where: "(record_id, version) IN (SELECT record_id, version FROM record_version WHERE patient_id = ?)",
                   [patientID.storedValue])
        try delete(from: RecordVersion.table, where: "patient_id = ?", [patientID.storedValue])
        try delete(from: PolicyEvent.table, where: "patient_id = ?", [patientID.storedValue])
    }

    package func deleteSealedVaultKeys(version: Int) throws {
        try delete(from: SealedVaultKey.table, where: "version = ?", [version.storedValue])
    }

    package func deleteSealedVaultKeys(holderFingerprint: [UInt8]) throws {
        try delete(from: SealedVaultKey.table, where: "holder_fingerprint = ?", [holderFingerprint.storedValue])
    }

    package func setRecoveryCertificate(_ certificate: RecoveryCertificate) throws {
        try insert(row: certificate, replacing: true)
    }

    package func deletePendingRekey(patientID: [UInt8]) throws {
        try delete(from: PendingRekey.table, where: "patient_id = ?", [patientID.storedValue])
    }

    /// An SQL condition equating each column to a positional argument, in order.
    static func matching(_ columns: [String]) -> String {
        columns.map { "\($0) = ?" }.joined(separator: " AND ")
    }

    package func appendAudit(
        time: Date, actorFingerprint: [UInt8]?, actorNationalID: String?, action: String,
        patientID: [UInt8]?, outcome: String, reason: String, hash: [UInt8]
    ) throws -> AuditEntry {
        var entry = AuditEntry(
            sequence: 0, time: StoredTime.date(milliseconds: StoredTime.milliseconds(time)),
            actorFingerprint: actorFingerprint, actorNationalID: actorNationalID, action: action,
            patientID: patientID, outcome: outcome, reason: reason, previousHash: nil, hash: hash)
        // The sequence is the store's to assign, in the same statement.
        let values = entry.values
        let columns = values.keys.filter { $0 != "sequence" && $0 != "leaf_index" && $0 != "previous_hash" }.sorted()
        let assigned = try fetch(
            "INSERT INTO \(AuditEntry.table.name) (\(columns.joined(separator: ", "))) "
                + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) RETURNING sequence",
            columns.map { values[$0].flatMap { $0 }.storedValue }, table: AuditEntry.table.name)
        entry.sequence = try assigned.first?.int64("sequence") ?? 0
        return entry
    }

    package func integrateAudit(
        limit: Int, extend: (_ tree: AuditTreeState, _ entries: [AuditEntry]) throws -> AuditTreeState
    ) throws -> AuditTreeState? {
        guard let tree = try fetch("SELECT * FROM \(AuditTreeState.table.name) \(lockingWithoutWaiting)", [],
                                   table: AuditTreeState.table.name).first.map(AuditTreeState.init) else { return nil }
        let entries = try unintegratedAuditEntries(after: 0, limit: limit)
        guard let last = entries.last else { return tree }
        // One statement numbers them all: in sequence order, from the tree's size on.
        let numbered = try execute(
            "UPDATE audit_entry SET leaf_index = numbered.leaf FROM (SELECT sequence, row_number() OVER (ORDER BY sequence) + ? AS leaf "
                + "FROM audit_entry WHERE leaf_index IS NULL AND sequence <= ?) AS numbered "
                + "WHERE audit_entry.sequence = numbered.sequence",
            [.integer(tree.size - 1), .integer(last.sequence)], about: AuditEntry.table)
        guard numbered == entries.count else { throw VaultStoreError.busy(path: location) }
        let extended = try extend(tree, entries)
        try update(row: extended)
        return extended
    }
}
