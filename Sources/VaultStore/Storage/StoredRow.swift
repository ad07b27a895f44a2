/// Where a row type is stored, the same table and column names in every backend, and how
/// errors about it read.
package struct StoredTable: Sendable {
    package let name: String
    /// The primary-key columns.
    package let key: [String]
    /// The row in words, e.g. "grant".
    package let noun: String
    /// What a duplicate is, e.g. "A grant of this key version to this professional".
    package let duplicate: String
}

/// A row type stored in one table, as named column values that every backend writes and reads.
package protocol StoredRow {
    static var table: StoredTable { get }
    /// Every column's value, by column name; nil is NULL.
    var values: [String: (any StoredValueConvertible)?] { get }
    init(_ columns: StoredColumns) throws(VaultStoreError)
}

extension VaultMetadata: StoredRow {
    package static let table = StoredTable(
        name: "vault_metadata", key: ["singleton"], noun: "vault metadata",
        duplicate: "The vault metadata")
    package var values: [String: (any StoredValueConvertible)?] {
        ["singleton": 1, "vault_id": vaultID.blob, "format_version": formatVersion,
         "created_at": createdAt.stored, "two_person_rule": twoPersonRule ? 1 : 0]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(vaultID: try c.bytes("vault_id"), formatVersion: try c.int("format_version"),
                  createdAt: try c.date("created_at"), twoPersonRule: try c.bool("two_person_rule"))
    }
}

extension VaultKeyVersion: StoredRow {
    package static let table = StoredTable(
        name: "vault_key_version", key: ["version"], noun: "vault key version",
        duplicate: "A vault key with this version")
    package var values: [String: (any StoredValueConvertible)?] {
        ["version": version, "created_at": createdAt.stored, "retired_at": retiredAt?.stored,
         "deposit_public_key": depositPublicKey?.blob, "deposit_private_key": wrappedDepositPrivateKey?.blob,
         "wrapped_index_key": wrappedIndexKey?.blob]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(version: try c.int("version"), createdAt: try c.date("created_at"),
                  retiredAt: try c.optionalDate("retired_at"),
                  depositPublicKey: try c.optionalBytes("deposit_public_key"),
                  wrappedDepositPrivateKey: try c.optionalBytes("deposit_private_key"),
                  wrappedIndexKey: try c.optionalBytes("wrapped_index_key"))
    }
}

extension SealedVaultKey: StoredRow {
    package static let table = StoredTable(
        name: "sealed_vault_key", key: ["version", "holder_fingerprint"], noun: "sealed vault key",
        duplicate: "This vault key version sealed to this holder")
    package var values: [String: (any StoredValueConvertible)?] {
        ["version": version, "holder_fingerprint": holderFingerprint.blob,
         "holder_kind": holderKind.rawValue, "sealed_key": sealedKey.blob]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(version: try c.int("version"), holderFingerprint: try c.bytes("holder_fingerprint"),
                  holderKind: try c.enumeration(HolderKind.self, "holder_kind"),
                  sealedKey: try c.bytes("sealed_key"))
    }
}

extension RecoveryCertificate: StoredRow {
    package static let table = StoredTable(
        name: "recovery_certificate", key: ["singleton"], noun: "recovery certificate",
        duplicate: "The recovery certificate")
    package var values: [String: (any StoredValueConvertible)?] {
        ["singleton": 1, "fingerprint": fingerprint.blob, "certificate": certificate.blob, "set_at": setAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(fingerprint: try c.bytes("fingerprint"), certificate: try c.bytes("certificate"),
                  setAt: try c.date("set_at"))
    }
}

extension Professional: StoredRow {
    package static let table = StoredTable(
        name: "professional", key: ["fingerprint"], noun: "professional",
        duplicate: "A professional with this card certificate")
    package var values: [String: (any StoredValueConvertible)?] {
        ["fingerprint": fingerprint.blob, "national_id": nationalID, "role": role.rawValue,
         "certificate": certificate.blob, "sealed_wallet_key": sealedWalletKey.blob,
         "wallet_check": walletCheck.blob, "enrolled_at": enrolledAt.stored,
         "removed_at": removedAt?.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(fingerprint: try c.bytes("fingerprint"), nationalID: try c.string("national_id"),
                  role: try c.enumeration(Role.self, "role"), certificate: try c.bytes("certificate"),
                  sealedWalletKey: try c.bytes("sealed_wallet_key"), walletCheck: try c.bytes("wallet_check"),
                  enrolledAt: try c.date("enrolled_at"), removedAt: try c.optionalDate("removed_at"))
    }
}

extension Patient: StoredRow {
    package static let table = StoredTable(
        name: "patient", key: ["patient_id"], noun: "patient",
        duplicate: "A patient with this identifier")
    package var values: [String: (any StoredValueConvertible)?] {
        ["patient_id": patientID.blob, "blind_index": blindIndex.blob, "identity": identity.blob,
         "current_key_version": currentKeyVersion, "created_at": createdAt.stored,
         "shredded_at": shreddedAt?.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(patientID: try c.bytes("patient_id"), blindIndex: try c.bytes("blind_index"),
                  identity: try c.bytes("identity"), currentKeyVersion: try c.int("current_key_version"),
                  createdAt: try c.date("created_at"), shreddedAt: try c.optionalDate("shredded_at"))
    }
}

extension EscrowKey: StoredRow {
    package static let table = StoredTable(
        name: "escrow_key", key: ["patient_id", "key_version"], noun: "escrow key",
        duplicate: "An escrow copy of this patient key version")
    package var values: [String: (any StoredValueConvertible)?] {
        ["patient_id": patientID.blob, "key_version": keyVersion,
         "vault_key_version": vaultKeyVersion, "wrapped_key": wrappedKey.blob]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(patientID: try c.bytes("patient_id"), keyVersion: try c.int("key_version"),
                  vaultKeyVersion: try c.int("vault_key_version"), wrappedKey: try c.bytes("wrapped_key"))
    }
}

extension Grant: StoredRow {
    package static let table = StoredTable(
        name: "key_grant", key: ["patient_id", "fingerprint", "key_version"], noun: "grant",
        duplicate: "A grant of this patient key version to this professional")
    package var values: [String: (any StoredValueConvertible)?] {
        ["patient_id": patientID.blob, "fingerprint": fingerprint.blob, "key_version": keyVersion,
         "wrapped_key": wrappedKey.blob, "granted_by": grantedBy.blob, "granted_at": grantedAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(patientID: try c.bytes("patient_id"), fingerprint: try c.bytes("fingerprint"),
                  keyVersion: try c.int("key_version"), wrappedKey: try c.bytes("wrapped_key"),
                  grantedBy: try c.bytes("granted_by"), grantedAt: try c.date("granted_at"))
    }
}

extension PendingGrant: StoredRow {
    package static let table = StoredTable(
        name: "pending_grant", key: ["patient_id", "fingerprint", "key_version"], noun: "pending grant",
        duplicate: "A pending grant of this patient key version to this professional")
    package var values: [String: (any StoredValueConvertible)?] {
        ["patient_id": patientID.blob, "fingerprint": fingerprint.blob, "key_version": keyVersion,
         "sealed_key": sealedKey.blob, "granted_by": grantedBy.blob, "granted_at": grantedAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(patientID: try c.bytes("patient_id"), fingerprint: try c.bytes("fingerprint"),
                  keyVersion: try c.int("key_version"), sealedKey: try c.bytes("sealed_key"),
                  grantedBy: try c.bytes("granted_by"), grantedAt: try c.date("granted_at"))
    }
}

extension Team: StoredRow {
    package static let table = StoredTable(
        name: "team", key: ["team_id"], noun: "team", duplicate: "A team with this id")
    package var values: [String: (any StoredValueConvertible)?] {
        ["team_id": teamID.blob, "name": name, "created_at": createdAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(teamID: try c.bytes("team_id"), name: try c.string("name"),
                  createdAt: try c.date("created_at"))
    }
}

extension TeamMember: StoredRow {
    package static let table = StoredTable(
        name: "team_member", key: ["team_id", "fingerprint"], noun: "team member",
        duplicate: "This professional in this team")
    package var values: [String: (any StoredValueConvertible)?] {
        ["team_id": teamID.blob, "fingerprint": fingerprint.blob, "added_at": addedAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(teamID: try c.bytes("team_id"), fingerprint: try c.bytes("fingerprint"),
                  addedAt: try c.date("added_at"))
    }
}

extension TeamGrant: StoredRow {
    package static let table = StoredTable(
        name: "team_grant", key: ["patient_id", "team_id"], noun: "team grant",
        duplicate: "A grant of this patient to this team")
    package var values: [String: (any StoredValueConvertible)?] {
        ["patient_id": patientID.blob, "team_id": teamID.blob, "granted_by": grantedBy.blob,
         "granted_at": grantedAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(patientID: try c.bytes("patient_id"), teamID: try c.bytes("team_id"),
                  grantedBy: try c.bytes("granted_by"), grantedAt: try c.date("granted_at"))
    }
}

extension PolicyEvent: StoredRow {
    package static let table = StoredTable(
        name: "policy_event", key: ["event_id"], noun: "policy event",
        duplicate: "A policy event with this id")
    package var values: [String: (any StoredValueConvertible)?] {
        ["event_id": eventID.blob, "patient_id": patientID.blob, "kind": kind, "payload": payload.blob,
         "subject_fingerprint": subjectFingerprint?.blob, "recorded_by": recordedBy.blob,
         "recorded_at": recordedAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(eventID: try c.bytes("event_id"), patientID: try c.bytes("patient_id"),
                  kind: try c.string("kind"), payload: try c.bytes("payload"),
                  subjectFingerprint: try c.optionalBytes("subject_fingerprint"),
                  recordedBy: try c.bytes("recorded_by"), recordedAt: try c.date("recorded_at"))
    }
}

extension RecordVersion: StoredRow {
    package static let table = StoredTable(
        name: "record_version", key: ["record_id", "version"], noun: "record version",
        duplicate: "This version of this record")
    package var values: [String: (any StoredValueConvertible)?] {
        ["record_id": recordID.blob, "patient_id": patientID.blob, "version": version,
         "key_version": keyVersion, "header": header.blob, "sealed_content_type": sealedContentType.blob,
         "plaintext_size": plaintextSize, "segment_count": segmentCount,
         "author_fingerprint": authorFingerprint.blob, "created_at": createdAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(recordID: try c.bytes("record_id"), patientID: try c.bytes("patient_id"),
                  version: try c.int("version"), keyVersion: try c.int("key_version"),
                  header: try c.bytes("header"), sealedContentType: try c.bytes("sealed_content_type"),
                  plaintextSize: try c.int64("plaintext_size"), segmentCount: try c.int("segment_count"),
                  authorFingerprint: try c.bytes("author_fingerprint"), createdAt: try c.date("created_at"))
    }
}

extension RecordSegment: StoredRow {
    package static let table = StoredTable(
        name: "record_segment", key: ["record_id", "version", "idx"], noun: "record segment",
        duplicate: "This segment of this record version")
    package var values: [String: (any StoredValueConvertible)?] {
        ["record_id": recordID.blob, "version": version, "idx": index, "ciphertext": ciphertext.blob]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(recordID: try c.bytes("record_id"), version: try c.int("version"),
                  index: try c.int("idx"), ciphertext: try c.bytes("ciphertext"))
    }
}

extension AuditEntry: StoredRow {
    package static let table = StoredTable(
        name: "audit_entry", key: ["sequence"], noun: "audit entry",
        duplicate: "An audit entry with this sequence number or leaf")
    package var values: [String: (any StoredValueConvertible)?] {
        ["sequence": sequence, "time": time.stored, "actor_fingerprint": actorFingerprint?.blob,
         "actor_national_id": actorNationalID, "action": action, "patient_id": patientID?.blob,
         "outcome": outcome, "reason": reason, "previous_hash": previousHash?.blob, "hash": hash.blob,
         "leaf_index": leafIndex]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(sequence: try c.int64("sequence"), time: try c.date("time"),
                  actorFingerprint: try c.optionalBytes("actor_fingerprint"),
                  actorNationalID: try c.optionalString("actor_national_id"), action: try c.string("action"),
                  patientID: try c.optionalBytes("patient_id"), outcome: try c.string("outcome"),
                  reason: try c.string("reason"), previousHash: try c.optionalBytes("previous_hash"),
                  hash: try c.bytes("hash"), leafIndex: try c.optionalInt64("leaf_index"))
    }
}

extension AuditTreeState: StoredRow {
    package static let table = StoredTable(
        name: "audit_tree", key: ["singleton"], noun: "audit tree", duplicate: "The audit tree")
    package var values: [String: (any StoredValueConvertible)?] {
        ["singleton": 1, "size": size, "compact_range": compactRange.blob]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(size: try c.int64("size"), compactRange: try c.bytes("compact_range"))
    }
}

extension AuditCheckpoint: StoredRow {
    package static let table = StoredTable(
        name: "audit_checkpoint", key: ["sequence", "signer_fingerprint"], noun: "audit checkpoint",
        duplicate: "A checkpoint by this signer at this sequence number")
    package var values: [String: (any StoredValueConvertible)?] {
        ["sequence": sequence, "head_hash": headHash.blob, "signer_fingerprint": signerFingerprint.blob,
         "signature": signature.blob, "signed_at": signedAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(sequence: try c.int64("sequence"), headHash: try c.bytes("head_hash"),
                  signerFingerprint: try c.bytes("signer_fingerprint"), signature: try c.bytes("signature"),
                  signedAt: try c.date("signed_at"))
    }
}

extension PendingRekey: StoredRow {
    package static let table = StoredTable(
        name: "pending_rekey", key: ["patient_id"], noun: "pending rekey",
        duplicate: "A pending rekey of this patient")
    package var values: [String: (any StoredValueConvertible)?] {
        ["patient_id": patientID.blob, "reason": reason, "queued_at": queuedAt.stored]
    }
    package init(_ c: StoredColumns) throws(VaultStoreError) {
        self.init(patientID: try c.bytes("patient_id"), reason: try c.string("reason"),
                  queuedAt: try c.date("queued_at"))
    }
}

/// Every stored row type, for naming a row from the table an error is about.
package let storedTables: [StoredTable] = [
    VaultMetadata.table, VaultKeyVersion.table, SealedVaultKey.table, RecoveryCertificate.table, Professional.table, Patient.table,
    EscrowKey.table, Grant.table, PendingGrant.table, Team.table, TeamMember.table, TeamGrant.table,
    PolicyEvent.table, RecordVersion.table, RecordSegment.table, AuditEntry.table, AuditCheckpoint.table,
    AuditTreeState.table, PendingRekey.table,
]
