import GRDB

extension SQLiteTransaction: VaultReading {
    func metadata() throws -> VaultMetadata? {
        try rows(VaultMetadata.self).first
    }

    func vaultKeyVersions() throws -> [VaultKeyVersion] {
        try rows(VaultKeyVersion.self, orderBy: "version")
    }

    func sealedVaultKeys(version: Int) throws -> [SealedVaultKey] {
        try rows(SealedVaultKey.self, where: "version = ?", [version])
    }

    func recoveryCertificate() throws -> RecoveryCertificate? {
        try rows(RecoveryCertificate.self).first
    }

    func professional(fingerprint: [UInt8]) throws -> Professional? {
        try row(Professional.self, where: "fingerprint = ?", [fingerprint.blob])
    }

    func professionals() throws -> [Professional] {
        try rows(Professional.self)
    }

    func patient(id: [UInt8]) throws -> Patient? {
        try row(Patient.self, where: "patient_id = ?", [id.blob])
    }

    func patient(blindIndex: [UInt8]) throws -> Patient? {
        try row(Patient.self, where: "blind_index = ?", [blindIndex.blob])
    }

    func patients() throws -> [Patient] {
        try rows(Patient.self)
    }

    func escrowKeys(patientID: [UInt8]) throws -> [EscrowKey] {
        try rows(EscrowKey.self, where: "patient_id = ?", [patientID.blob], orderBy: "key_version")
    }

    func escrowKeys(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey] {
        // In index order (vault_key_version, rowid), so that a batch costs its own size, not a sort.
        try rows(EscrowKey.self, where: "vault_key_version = ?", [vaultKeyVersion], limit: max(limit, 0))
    }

    func escrowKeyCounts() throws -> [Int: Int] {
        try countsByVaultKeyVersion(where: "1")
    }

    func escrowDeposits(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey] {
        try rows(EscrowKey.self, where: "vault_key_version = ? AND \(Self.isDeposit)", [vaultKeyVersion], limit: max(limit, 0))
    }

    func escrowDepositCounts() throws -> [Int: Int] {
        try countsByVaultKeyVersion(where: Self.isDeposit)
    }

    private static let isDeposit = "substr(wrapped_key, 1, 1) = x'\(String(EscrowKey.depositMarker, radix: 16))'"

    private func countsByVaultKeyVersion(where condition: String) throws -> [Int: Int] {
        let pairs = try mappingSQLiteErrors(path: path) {
            try Row.fetchAll(db, sql: "SELECT vault_key_version, count(*) AS n FROM escrow_key WHERE \(condition) GROUP BY vault_key_version")
        }
        var counts: [Int: Int] = [:]
        for row in pairs {
            let columns = SQLiteColumns(row: row, table: EscrowKey.table.name, path: path)
            counts[try columns.int("vault_key_version")] = try columns.int("n")
        }
        return counts
    }

    func grants(patientID: [UInt8]) throws -> [Grant] {
        try rows(Grant.self, where: "patient_id = ?", [patientID.blob])
    }

    func grants(fingerprint: [UInt8]) throws -> [Grant] {
        try rows(Grant.self, where: "fingerprint = ?", [fingerprint.blob])
    }

    func pendingGrants(fingerprint: [UInt8]) throws -> [PendingGrant] {
        try rows(PendingGrant.self, where: "fingerprint = ?", [fingerprint.blob])
    }

    func pendingGrants(patientID: [UInt8]) throws -> [PendingGrant] {
        try rows(PendingGrant.self, where: "patient_id = ?", [patientID.blob])
    }

    func teams() throws -> [Team] {
        try rows(Team.self)
    }

    func members(teamID: [UInt8]) throws -> [TeamMember] {
        try rows(TeamMember.self, where: "team_id = ?", [teamID.blob])
    }

    func teamGrants(patientID: [UInt8]) throws -> [TeamGrant] {
        try rows(TeamGrant.self, where: "patient_id = ?", [patientID.blob])
    }

    func teams(fingerprint: [UInt8]) throws -> [Team] {
        try rows(Team.self, where: "team_id IN (SELECT team_id FROM team_member WHERE fingerprint = ?)",
                 [fingerprint.blob])
    }

    func policyEvents(patientID: [UInt8]) throws -> [PolicyEvent] {
        try rows(PolicyEvent.self, where: "patient_id = ?", [patientID.blob])
    }

    func recordVersions(patientID: [UInt8]) throws -> [RecordVersion] {
        try rows(RecordVersion.self, where: "patient_id = ?", [patientID.blob])
    }

    func recordVersions(recordID: [UInt8]) throws -> [RecordVersion] {
        try rows(RecordVersion.self, where: "record_id = ?", [recordID.blob], orderBy: "version")
    }

    func recordVersion(recordID: [UInt8], version: Int) throws -> RecordVersion? {
        try row(RecordVersion.self, where: "record_id = ? AND version = ?", [recordID.blob, version])
    }

    func forEachSegment(recordID: [UInt8], version: Int, _ body: (RecordSegment) throws -> Void) throws {
        try forEachRow(RecordSegment.self, where: "record_id = ? AND version = ?", [recordID.blob, version],
                       orderBy: "idx", body)
    }

    func auditEntries(from sequence: Int64, limit: Int) throws -> [AuditEntry] {
        try rows(AuditEntry.self, where: "sequence >= ?", [sequence], orderBy: "sequence", limit: max(limit, 0))
    }

    func lastAuditEntry() throws -> AuditEntry? {
        try rows(AuditEntry.self, orderBy: "sequence DESC", limit: 1).first
    }

    func auditCheckpoints() throws -> [AuditCheckpoint] {
        try rows(AuditCheckpoint.self, orderBy: "sequence, rowid")
    }

    func pendingRekeys() throws -> [PendingRekey] {
        try rows(PendingRekey.self)
    }
}
