import Foundation

/// The changes available inside a write transaction, on top of its queries.
///
/// Inserting a row whose key (or a patient's blind index) is taken throws
/// `VaultStoreError.duplicate`; a row naming a patient, professional, team, key version or
/// record version that is not stored throws `VaultStoreError.missingReference` (pending grants
/// and team members may name a professional not enrolled yet). On PostgreSQL, whose inserts are
/// sent without waiting for the server, those errors come from the transaction's next call that
/// waits for it, or from `write` at its commit; nothing commits after them either way.
/// Deletions of rows that are not there do nothing, so interrupted work can be resumed.
public protocol VaultWriting: VaultReading {
    /// Checks references (foreign keys) when the transaction commits instead of at each insert,
    /// for rows written before the row they refer to: a record's segments are sealed and
    /// stored as they are read, before the version row that only the last one completes.
    func deferReferenceChecks() throws

    /// Sets the vault's metadata, replacing any earlier value.
    func setMetadata(_ metadata: VaultMetadata) throws

    // Each insert stores one new row, with the errors described above.
    func insert(_ version: VaultKeyVersion) throws
    func insert(_ key: SealedVaultKey) throws
    func insert(_ professional: Professional) throws
    func insert(_ patient: Patient) throws
    func insert(_ key: EscrowKey) throws
    func insert(_ grant: Grant) throws
    func insert(_ grant: PendingGrant) throws
    func insert(_ team: Team) throws
    func insert(_ member: TeamMember) throws
    func insert(_ grant: TeamGrant) throws
    func insert(_ event: PolicyEvent) throws
    func insert(_ version: RecordVersion) throws
    func insert(_ segment: RecordSegment) throws
    func insert(_ checkpoint: AuditCheckpoint) throws
    func insert(_ rekey: PendingRekey) throws

    /// Replaces the stored professional with the same fingerprint; throws `notFound` if none.
    func update(_ professional: Professional) throws
    /// Replaces the stored patient with the same id; throws `notFound` if none. `shreddedAt`
    /// cannot be cleared once set.
    func update(_ patient: Patient) throws
    /// Replaces the escrow copy with the same patient and key version (after rewrapping it);
    /// throws `notFound` if none.
    func updateEscrowKey(_ key: EscrowKey) throws
    /// Replaces the escrow copy `stored` with `rewrapped` (same patient and key version) only if
    /// the store still holds `stored` exactly; returns whether it did. A copy that a shred or
    /// rekey removed or changed meanwhile is left alone: rotation rewraps outside its write
    /// transactions and stores only what did not move.
    func replaceEscrowKey(_ stored: EscrowKey, with rewrapped: EscrowKey) throws -> Bool
    /// Updates a vault key version (to retire it); throws `notFound` if none.
    func update(_ version: VaultKeyVersion) throws
    /// Rekeying: moves a stored record version to a newer patient key. Each of its segments is
    /// read in index order, one at a time, and its ciphertext replaced by what `reseal` returns
    /// (the same length); then the version row is replaced by `version`, which may differ from
    /// the stored one only by a higher `keyVersion`, at most the patient's `currentKeyVersion`,
    /// and a new `header` and `sealedContentType` of the same lengths. Anything else is refused
    /// with `VaultStoreError.refused` (history stays append-only); a missing version or segment
    /// throws `notFound`.
    func reseal(_ version: RecordVersion, segments reseal: (RecordSegment) throws -> [UInt8]) throws

    /// Replaces the sealed statement of one policy event with the same statement sealed under the
    /// patient's new key, while the patient has a pending (in-progress) rekey row; the payload's
    /// length is kept. Anything else is refused (`VaultStoreError.refused`); a missing event
    /// throws `notFound`.
    func resealPolicyEvent(eventID: [UInt8], payload: [UInt8]) throws

    /// Deletes one grant.
    func deleteGrant(patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int) throws
    /// Deletes the escrow copy of one version of a patient's data key (once rekeyed).
    func deleteEscrowKey(patientID: [UInt8], keyVersion: Int) throws
    /// Deletes one pending grant (once moved into the wallet, or withdrawn).
    func deletePendingGrant(patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int) throws
    /// Stops entrusting a patient to a care team.
    func deleteTeamGrant(patientID: [UInt8], teamID: [UInt8]) throws
    /// Removes a professional from a care team.
    func deleteTeamMember(teamID: [UInt8], fingerprint: [UInt8]) throws
    /// Crypto-shredding: deletes every wrapped copy of the patient's data keys (grants, pending
    /// grants, escrow copies), with the patient's team grants and pending rekey.
    func deleteKeys(patientID: [UInt8]) throws
    /// Deletes the patient's ciphertext: record versions, their segments and policy events.
    /// The patient must have been marked shredded (`shreddedAt` set) first, or the append-only
    /// rule refuses it with `VaultStoreError.refused`.
    func deleteRecords(patientID: [UInt8]) throws
    /// Deletes every sealed copy of a vault key version, once it is retired.
    func deleteSealedVaultKeys(version: Int) throws
    /// Deletes every vault key version sealed to this holder (a removed administrator, a
    /// replaced recovery certificate).
    func deleteSealedVaultKeys(holderFingerprint: [UInt8]) throws
    /// Sets the recovery certificate, replacing any earlier one.
    func setRecoveryCertificate(_ certificate: RecoveryCertificate) throws
    /// Clears a patient's pending rekey once done.
    func deletePendingRekey(patientID: [UInt8]) throws

    /// Appends an audit entry of format version 2, which chains to nothing: the store assigns
    /// its `sequence` (increasing, without waiting on other writers) and stores `hash`, which the
    /// caller computed from the fields with `time` at the stored precision,
    /// `StoredTime.milliseconds(time)`. The entry has no leaf until `integrateAudit` gives it one.
    func appendAudit(
        time: Date, actorFingerprint: [UInt8]?, actorNationalID: String?, action: String,
        patientID: [UInt8]?, outcome: String, reason: String, hash: [UInt8]
    ) throws -> AuditEntry

    /// Whether this store has one writer at a time (SQLite), so that an entry is best integrated
    /// in the transaction that appends it; otherwise (PostgreSQL) integration runs in batches,
    /// in transactions of its own, and writers never wait on it.
    var integratesAuditOnAppend: Bool { get }

    /// The integrator: takes the audit tree's row without waiting for it (nil when another
    /// transaction holds it and is integrating), gives the entries without a leaf, up to
    /// `limit` in sequence order, the leaves after the tree's `size` in that order, and stores
    /// the tree state `extend` computes from the current one and those entries. Returns the
    /// stored state (the current one when nothing was waiting).
    func integrateAudit(
        limit: Int, extend: (_ tree: AuditTreeState, _ entries: [AuditEntry]) throws -> AuditTreeState
    ) throws -> AuditTreeState?
}
