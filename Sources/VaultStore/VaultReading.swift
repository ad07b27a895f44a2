/// The queries available inside a transaction; lists come back in insertion order unless
/// said otherwise, and a missing row is nil or an empty list, never an error.
public protocol VaultReading {
    /// The vault's metadata, or nil before the vault is set up.
    func metadata() throws -> VaultMetadata?

    /// Every vault key version, by version.
    func vaultKeyVersions() throws -> [VaultKeyVersion]
    /// The vault key of `version` sealed to each of its holders.
    func sealedVaultKeys(version: Int) throws -> [SealedVaultKey]
    /// The offline recovery certificate, or nil when the vault has none.
    func recoveryCertificate() throws -> RecoveryCertificate?

    /// The professional whose card certificate has this SHA-256 fingerprint.
    func professional(fingerprint: [UInt8]) throws -> Professional?
    /// Every enrolled professional, removed ones included.
    func professionals() throws -> [Professional]

    /// The patient with this opaque id.
    func patient(id: [UInt8]) throws -> Patient?
    /// The patient whose identifier has this blind index.
    func patient(blindIndex: [UInt8]) throws -> Patient?
    /// Every patient, shredded ones included.
    func patients() throws -> [Patient]

    /// The escrow copies of a patient's data keys, by key version.
    func escrowKeys(patientID: [UInt8]) throws -> [EscrowKey]
    /// Up to `limit` escrow copies still wrapped under `vaultKeyVersion`, for rotating in
    /// batches: rewrapped copies leave the selection, so calling again gives the next batch.
    func escrowKeys(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey]
    /// How many escrow copies each vault key version wraps; versions wrapping none are absent.
    func escrowKeyCounts() throws -> [Int: Int]
    /// Up to `limit` deposits (`EscrowKey.isDeposit`) made under `vaultKeyVersion`; settled
    /// deposits leave the selection, so calling again gives the next batch.
    func escrowDeposits(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey]
    /// How many deposits wait under each vault key version; versions with none are absent.
    func escrowDepositCounts() throws -> [Int: Int]

    /// The grants of a patient's data keys to professionals.
    func grants(patientID: [UInt8]) throws -> [Grant]
    /// The grants held by the professional with `fingerprint`.
    func grants(fingerprint: [UInt8]) throws -> [Grant]
    /// The pending grants waiting for the professional with `fingerprint`.
    func pendingGrants(fingerprint: [UInt8]) throws -> [PendingGrant]
    /// The pending grants of a patient's data keys.
    func pendingGrants(patientID: [UInt8]) throws -> [PendingGrant]

    /// Every care team.
    func teams() throws -> [Team]
    /// The members of a care team.
    func members(teamID: [UInt8]) throws -> [TeamMember]
    /// The care teams entrusted with a patient.
    func teamGrants(patientID: [UInt8]) throws -> [TeamGrant]
    /// The teams the professional with `fingerprint` belongs to.
    func teams(fingerprint: [UInt8]) throws -> [Team]

    /// A patient's policy events in the order they were recorded.
    func policyEvents(patientID: [UInt8]) throws -> [PolicyEvent]

    /// Every version of every record of a patient.
    func recordVersions(patientID: [UInt8]) throws -> [RecordVersion]
    /// Every version of a record, by version.
    func recordVersions(recordID: [UInt8]) throws -> [RecordVersion]
    /// One version of a record.
    func recordVersion(recordID: [UInt8], version: Int) throws -> RecordVersion?
    /// Calls `body` with each segment of a record version in index order, reading one at a
    /// time so that memory does not grow with the record's size.
    func forEachSegment(recordID: [UInt8], version: Int, _ body: (RecordSegment) throws -> Void) throws

    /// Up to `limit` audit entries from `sequence` on, by sequence, integrated or not.
    func auditEntries(from sequence: Int64, limit: Int) throws -> [AuditEntry]
    /// The newest audit entry by sequence, integrated or not; nil when the log is empty.
    func lastAuditEntry() throws -> AuditEntry?
    /// Up to `limit` integrated audit entries from leaf `leafIndex` on, in leaf order.
    func auditLeaves(from leafIndex: Int64, limit: Int) throws -> [AuditEntry]
    /// Up to `limit` audit entries not integrated yet (no leaf), after `sequence`, by sequence.
    func unintegratedAuditEntries(after sequence: Int64, limit: Int) throws -> [AuditEntry]
    /// The integrated tree: its size and compact range (size 0 before any integration).
    func auditTree() throws -> AuditTreeState
    /// Every audit checkpoint, by sequence.
    func auditCheckpoints() throws -> [AuditCheckpoint]
    /// The newest audit entry stating the state of one set of access facts: action
    /// `AuditEntry.bindingAction` and a reason starting with `key` (64 characters), or nil.
    func latestBinding(key: String) throws -> AuditEntry?
    /// For each key stated by a binding entry, its newest such entry, by sequence.
    func latestBindings() throws -> [AuditEntry]

    /// The patients waiting for a new data key.
    func pendingRekeys() throws -> [PendingRekey]

    /// This snapshot, in which the rows deciding the access of the professional with
    /// `fingerprint` to `patientID` (the patient's policy rows, the enrolment and care teams of
    /// every professional they name and of this one, the newest binding entry of each of
    /// `bindingKeys`) are read up front, in one query, where each query is a round trip to a
    /// server; the queries for those rows are then answered from them, the others as before.
    /// A store in the same process returns this snapshot itself. Valid as long as this one.
    func readingAccessFacts(patientID: [UInt8], fingerprint: [UInt8], bindingKeys: [String]) throws -> any VaultReading
}

extension VaultReading {
    public func readingAccessFacts(patientID: [UInt8], fingerprint: [UInt8], bindingKeys: [String]) throws -> any VaultReading {
        self
    }
}
