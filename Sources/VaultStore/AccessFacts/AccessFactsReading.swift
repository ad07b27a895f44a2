/// A snapshot whose queries for one patient's access facts are answered from `AccessFactRows`
/// read up front on it; every other query goes to the snapshot. What `VaultReading.readingAccessFacts`
/// returns on a store where each query is a round trip to a server.
package final class AccessFactsReading: VaultReading {
    private let base: any VaultReading
    private let patientID: [UInt8]
    private let rows: AccessFactRows
    private let covered: Set<[UInt8]>
    private let bindingKeys: Set<String>

    /// `rows`, read on `base`'s snapshot for `patientID`, `fingerprint` and `bindingKeys`.
    package init(_ base: any VaultReading, rows: AccessFactRows, patientID: [UInt8], fingerprint: [UInt8], bindingKeys: [String]) {
        self.base = base
        self.patientID = patientID
        self.rows = rows
        covered = rows.coveredProfessionals(besides: fingerprint)
        self.bindingKeys = Set(bindingKeys)
    }

    // MARK: Answered from the rows read up front

    package func patient(id: [UInt8]) throws -> Patient? {
        id == patientID ? rows.patient : try base.patient(id: id)
    }
    package func policyEvents(patientID: [UInt8]) throws -> [PolicyEvent] {
        patientID == self.patientID ? rows.policyEvents : try base.policyEvents(patientID: patientID)
    }
    package func grants(patientID: [UInt8]) throws -> [Grant] {
        patientID == self.patientID ? rows.grants : try base.grants(patientID: patientID)
    }
    package func pendingGrants(patientID: [UInt8]) throws -> [PendingGrant] {
        patientID == self.patientID ? rows.pendingGrants : try base.pendingGrants(patientID: patientID)
    }
    package func teamGrants(patientID: [UInt8]) throws -> [TeamGrant] {
        patientID == self.patientID ? rows.teamGrants : try base.teamGrants(patientID: patientID)
    }
    package func professional(fingerprint: [UInt8]) throws -> Professional? {
        covered.contains(fingerprint) ? rows.professionals[fingerprint] : try base.professional(fingerprint: fingerprint)
    }
    package func teams(fingerprint: [UInt8]) throws -> [Team] {
        covered.contains(fingerprint) ? rows.teams[fingerprint] ?? [] : try base.teams(fingerprint: fingerprint)
    }
    package func latestBinding(key: String) throws -> AuditEntry? {
        bindingKeys.contains(key) ? rows.bindings[key] : try base.latestBinding(key: key)
    }
    package func readingAccessFacts(patientID: [UInt8], fingerprint: [UInt8], bindingKeys: [String]) throws -> any VaultReading {
        try base.readingAccessFacts(patientID: patientID, fingerprint: fingerprint, bindingKeys: bindingKeys)
    }

    // MARK: Passed on

    package func metadata() throws -> VaultMetadata? { try base.metadata() }
    package func vaultKeyVersions() throws -> [VaultKeyVersion] { try base.vaultKeyVersions() }
    package func sealedVaultKeys(version: Int) throws -> [SealedVaultKey] { try base.sealedVaultKeys(version: version) }
    package func recoveryCertificate() throws -> RecoveryCertificate? { try base.recoveryCertificate() }
    package func professionals() throws -> [Professional] { try base.professionals() }
    package func patient(blindIndex: [UInt8]) throws -> Patient? { try base.patient(blindIndex: blindIndex) }
    package func patients() throws -> [Patient] { try base.patients() }
    package func escrowKeys(patientID: [UInt8]) throws -> [EscrowKey] { try base.escrowKeys(patientID: patientID) }
    package func escrowKeys(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey] {
        try base.escrowKeys(vaultKeyVersion: vaultKeyVersion, limit: limit)
    }
    package func escrowKeyCounts() throws -> [Int: Int] { try base.escrowKeyCounts() }
    package func escrowDeposits(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey] {
        try base.escrowDeposits(vaultKeyVersion: vaultKeyVersion, limit: limit)
    }
    package func escrowDepositCounts() throws -> [Int: Int] { try base.escrowDepositCounts() }
    package func grants(fingerprint: [UInt8]) throws -> [Grant] { try base.grants(fingerprint: fingerprint) }
    package func pendingGrants(fingerprint: [UInt8]) throws -> [PendingGrant] { try base.pendingGrants(fingerprint: fingerprint) }
    package func teams() throws -> [Team] { try base.teams() }
    package func members(teamID: [UInt8]) throws -> [TeamMember] { try base.members(teamID: teamID) }
    package func recordVersions(patientID: [UInt8]) throws -> [RecordVersion] { try base.recordVersions(patientID: patientID) }
    package func recordVersions(recordID: [UInt8]) throws -> [RecordVersion] { try base.recordVersions(recordID: recordID) }
    package func recordVersion(recordID: [UInt8], version: Int) throws -> RecordVersion? {
        try base.recordVersion(recordID: recordID, version: version)
    }
    package func forEachSegment(recordID: [UInt8], version: Int, _ body: (RecordSegment) throws -> Void) throws {
        try base.forEachSegment(recordID: recordID, version: version, body)
    }
    package func auditEntries(from sequence: Int64, limit: Int) throws -> [AuditEntry] { try base.auditEntries(from: sequence, limit: limit) }
    package func lastAuditEntry() throws -> AuditEntry? { try base.lastAuditEntry() }
    package func auditLeaves(from leafIndex: Int64, limit: Int) throws -> [AuditEntry] { try base.auditLeaves(from: leafIndex, limit: limit) }
    package func unintegratedAuditEntries(after sequence: Int64, limit: Int) throws -> [AuditEntry] {
        try base.unintegratedAuditEntries(after: sequence, limit: limit)
    }
    package func auditTree() throws -> AuditTreeState { try base.auditTree() }
    package func auditCheckpoints() throws -> [AuditCheckpoint] { try base.auditCheckpoints() }
    package func latestBindings() throws -> [AuditEntry] { try base.latestBindings() }
    package func pendingRekeys() throws -> [PendingRekey] { try base.pendingRekeys() }
}
