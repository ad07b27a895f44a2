/// The vault's queries, the same on every backend.
extension StoredTransaction {
    package func metadata() throws -> VaultMetadata? {
        try rows(VaultMetadata.self).first
    }

    package func vaultKeyVersions() throws -> [VaultKeyVersion] {
        try rows(VaultKeyVersion.self, orderBy: "version")
    }

    package func sealedVaultKeys(version: Int) throws -> [SealedVaultKey] {
        try rows(SealedVaultKey.self, where: "version = ?", [version.storedValue])
    }

    package func recoveryCertificate() throws -> RecoveryCertificate? {
        try rows(RecoveryCertificate.self).first
    }

    package func professional(fingerprint: [UInt8]) throws -> Professional? {
        try row(Professional.self, where: "fingerprint = ?", [fingerprint.storedValue])
    }

    package func professionals() throws -> [Professional] {
        try rows(Professional.self)
    }

    package func patient(id: [UInt8]) throws -> Patient? {
        try row(Patient.self, where: "patient_id = ?", [id.storedValue])
    }

    package func patient(blindIndex: [UInt8]) throws -> Patient? {
        try row(Patient.self, where: "blind_index = ?", [blindIndex.storedValue])
    }

    package func patients() throws -> [Patient] {
        try rows(Patient.self)
    }

    package func escrowKeys(patientID: [UInt8]) throws -> [EscrowKey] {
        try rows(EscrowKey.self, where: "patient_id = ?", [patientID.storedValue], orderBy: "key_version")
    }

    package func escrowKeys(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey] {
        // In index order (vault_key_version, then insertion), so that a batch costs its own
        // size, not a sort.
        try rows(EscrowKey.self, where: "vault_key_version = ?", [vaultKeyVersion.storedValue], limit: max(limit, 0))
    }

    package func escrowKeyCounts() throws -> [Int: Int] {
        try countsByVaultKeyVersion(where: "1 = 1", [])
    }

    package func escrowDeposits(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey] {
        try rows(EscrowKey.self, where: "vault_key_version = ? AND \(Self.isDeposit)",
                 [vaultKeyVersion.storedValue, Self.depositMarker], limit: max(limit, 0))
    }

    package func escrowDepositCounts() throws -> [Int: Int] {
        try countsByVaultKeyVersion(where: Self.isDeposit, [Self.depositMarker])
    }

    /// The condition selecting deposits, with `depositMarker` as its argument.
    private static var isDeposit: String { "substr(wrapped_key, 1, 1) = ?" }
    private static var depositMarker: StoredValue { .bytes([EscrowKey.depositMarker]) }

    private func countsByVaultKeyVersion(where condition: String, _ arguments: [StoredValue]) throws -> [Int: Int] {
        let pairs = try fetch(
            "SELECT vault_key_version, count(*) AS n FROM escrow_key WHERE \(condition) GROUP BY vault_key_version",
            arguments, table: EscrowKey.table.name)
        var counts: [Int: Int] = [:]
        for columns in pairs {
            counts[try columns.int("vault_key_version")] = try columns.int("n")
        }
        return counts
    }

    package func grants(patientID: [UInt8]) throws -> [Grant] {
        try rows(Grant.self, where: "patient_id = ?", [patientID.storedValue])
    }

    package func grants(fingerprint: [UInt8]) throws -> [Grant] {
        try rows(Grant.self, where: "fingerprint = ?", [fingerprint.storedValue])
    }

    package func pendingGrants(fingerprint: [UInt8]) throws -> [PendingGrant] {
        try rows(PendingGrant.self, where: "fingerprint = ?", [fingerprint.storedValue])
    }

    package func pendingGrants(patientID: [UInt8]) throws -> [PendingGrant] {
        try rows(PendingGrant.self, where: "patient_id = ?", [patientID.storedValue])
    }

    package func teams() throws -> [Team] {
        try rows(Team.self)
    }

    package func members(teamID: [UInt8]) throws -> [TeamMember] {
        try rows(TeamMember.self, where: "team_id = ?", [teamID.storedValue])
    }

    package func teamGrants(patientID: [UInt8]) throws -> [TeamGrant] {
        try rows(TeamGrant.self, where: "patient_id = ?", [patientID.storedValue])
    }

    package func teams(fingerprint: [UInt8]) throws -> [Team] {
        try rows(Team.self, where: "team_id IN (SELECT team_id FROM team_member WHERE fingerprint = ?)",
                 [fingerprint.storedValue])
    }

    package func policyEvents(patientID: [UInt8]) throws -> [PolicyEvent] {
        try rows(PolicyEvent.self, where: "patient_id = ?", [patientID.storedValue])
    }

    package func recordVersions(patientID: [UInt8]) throws -> [RecordVersion] {
        try rows(RecordVersion.self, where: "patient_id = ?", [patientID.storedValue])
    }

    package func recordVersions(recordID: [UInt8]) throws -> [RecordVersion] {
        try rows(RecordVersion.self, where: "record_id = ?", [recordID.storedValue], orderBy: "version")
    }

    package func recordVersion(recordID: [UInt8], version: Int) throws -> RecordVersion? {
        try row(RecordVersion.self, where: "record_id = ? AND version = ?", [recordID.storedValue, version.storedValue])
    }

    package func forEachSegment(recordID: [UInt8], version: Int, _ body: (RecordSegment) throws -> Void) throws {
        try forEachRow(RecordSegment.self, where: "record_id = ? AND version = ?", [recordID.storedValue, version.storedValue],
                       orderBy: "idx", limit: nil, body)
    }

    package func auditEntries(from sequence: Int64, limit: Int) throws -> [AuditEntry] {
        try rows(AuditEntry.self, where: "sequence >= ?", [sequence.storedValue], orderBy: "sequence", limit: max(limit, 0))
    }

    package func lastAuditEntry() throws -> AuditEntry? {
        try rows(AuditEntry.self, orderBy: "sequence DESC", limit: 1).first
    }

    package func auditLeaves(from leafIndex: Int64, limit: Int) throws -> [AuditEntry] {
        try rows(AuditEntry.self, where: "leaf_index >= ?", [leafIndex.storedValue], orderBy: "leaf_index", limit: max(limit, 0))
    }

    package func unintegratedAuditEntries(after sequence: Int64, limit: Int) throws -> [AuditEntry] {
        try rows(AuditEntry.self, where: "leaf_index IS NULL AND sequence > ?", [sequence.storedValue], orderBy: "sequence",
                 limit: max(limit, 0))
    }

    package func auditTree() throws -> AuditTreeState {
        try row(AuditTreeState.self, where: "singleton = 1", []) ?? AuditTreeState(size: 0, compactRange: [])
    }

    package func auditCheckpoints() throws -> [AuditCheckpoint] {
        try rows(AuditCheckpoint.self, orderBy: "sequence, \(insertionOrder)")
    }

    // The action is written as a literal so that both backends use their partial index.
    package func latestBinding(key: String) throws -> AuditEntry? {
        try rows(AuditEntry.self, where: "action = '\(AuditEntry.bindingAction)' AND substr(reason, 1, 64) = ?", [key.storedValue],
                 orderBy: "sequence DESC", limit: 1).first
    }

    package func latestBindings() throws -> [AuditEntry] {
        try rows(AuditEntry.self, where: "sequence IN (SELECT max(sequence) FROM audit_entry "
                    + "WHERE action = '\(AuditEntry.bindingAction)' GROUP BY substr(reason, 1, 64))",
                 orderBy: "sequence")
    }

    package func pendingRekeys() throws -> [PendingRekey] {
        try rows(PendingRekey.self)
    }
}
