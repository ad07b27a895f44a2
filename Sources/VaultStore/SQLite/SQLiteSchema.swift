import GRDB

/// The SQLite schema of a vault: its migrations, the version it stamps in `PRAGMA
/// user_version`, and the triggers that keep history append-only.
///
/// Ids are 16-byte and fingerprints and hashes 32-byte BLOBs, checked by the tables; times are
/// INTEGER Unix milliseconds (`StoredTime`). Audit entries and checkpoints can never be
/// updated or deleted. Record versions, their segments and policy events can never be
/// updated, and can be deleted only once their patient is marked shredded (`shredded_at`
/// set): that mark, which cannot be cleared, is what `deleteRecords` relies on, and it also
/// stops new record versions for the patient. From version 3 the one update allowed is a
/// rekey (`reseal`): a record version's segments rewritten while its key version is below its
/// patient's current one, then the version moved to a higher key version with a new header and
/// sealed content type, nothing else changed. From version 5 audit entries chain to nothing:
/// the store numbers them (the rowid), and the one update allowed gives an entry its leaf in the
/// Merkle tree, once; the tree's row (`audit_tree`) only grows.
enum SQLiteSchema {
    /// The newest schema version this build reads and writes.
    static var version: Int { versions.count }

    /// What an opened database holds before migrating.
    struct State {
        /// Its `PRAGMA user_version`.
        var version: Int
        /// Whether it holds no table at all.
        var isEmpty: Bool
    }

    static func state(_ db: Database) throws -> State {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
        return State(version: version, isEmpty: tables == 0)
    }

    /// Each schema version's SQL, in order: migration `vN` runs the N-th and stamps N.
    private static let versions = [version1, version2, version3, version4, version5, version6]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (index, sql) in versions.enumerated() {
            migrator.registerMigration("v\(index + 1)") { db in
                try db.execute(sql: sql)
                try db.execute(sql: "PRAGMA user_version = \(index + 1)")
            }
        }
        return migrator
    }

    private static func id(_ column: String, null: Bool = false) -> String {
        sized(column, bytes: 16, null: null)
    }

    private static func fingerprint(_ column: String, null: Bool = false) -> String {
        sized(column, bytes: 32, null: null)
    }

    private static func sized(_ column: String, bytes: Int, null: Bool) -> String {
        null
            ? "\(column) BLOB CHECK (\(column) IS NULL OR length(\(column)) = \(bytes))"
            : "\(column) BLOB NOT NULL CHECK (length(\(column)) = \(bytes))"
    }

    /// Triggers refusing UPDATE, and DELETE unless `deletable` (an SQL condition on OLD) holds.
    private static func appendOnly(_ table: String, rule: String, deletable: String = "0") -> String {
        """
        CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
        BEGIN SELECT RAISE(ABORT, '\(rule)'); END;
        CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table) WHEN NOT (\(deletable))
        BEGIN SELECT RAISE(ABORT, '\(rule)'); END;
        """
    }

    private static func shredded(_ patientID: String) -> String {
        "(SELECT shredded_at FROM patient WHERE patient_id = \(patientID)) IS NOT NULL"
    }

    private static let version1 = """
        CREATE TABLE vault_metadata (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            \(id("vault_id")),
            format_version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            two_person_rule INTEGER NOT NULL CHECK (two_person_rule IN (0, 1))
        ) STRICT;

        CREATE TABLE vault_key_version (
            version INTEGER PRIMARY KEY,
            created_at INTEGER NOT NULL,
            retired_at INTEGER,
            deposit_public_key BLOB,
            deposit_private_key BLOB
        ) STRICT;

        CREATE TABLE sealed_vault_key (
            version INTEGER NOT NULL REFERENCES vault_key_version(version),
            \(fingerprint("holder_fingerprint")),
            holder_kind TEXT NOT NULL CHECK (holder_kind IN ('adminCard', 'recoveryCertificate')),
            sealed_key BLOB NOT NULL,
            PRIMARY KEY (version, holder_fingerprint)
        ) STRICT;

        CREATE TABLE professional (
            \(fingerprint("fingerprint")) PRIMARY KEY,
            national_id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('professional', 'admin')),
            certificate BLOB NOT NULL,
            sealed_wallet_key BLOB NOT NULL,
            \(fingerprint("wallet_check")),
            enrolled_at INTEGER NOT NULL,
            removed_at INTEGER
        ) STRICT;

        CREATE TABLE patient (
            \(id("patient_id")) PRIMARY KEY,
            \(fingerprint("blind_index")) UNIQUE,
            identity BLOB NOT NULL,
            current_key_version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            shredded_at INTEGER
        ) STRICT;
        CREATE TRIGGER patient_no_delete BEFORE DELETE ON patient
        BEGIN SELECT RAISE(ABORT, 'patients are never deleted, shredding keeps the row'); END;
        CREATE TRIGGER patient_stays_shredded BEFORE UPDATE OF shredded_at ON patient
        WHEN OLD.shredded_at IS NOT NULL AND NEW.shredded_at IS NOT OLD.shredded_at
        BEGIN SELECT RAISE(ABORT, 'a shredded patient stays shredded'); END;

        CREATE TABLE escrow_key (
            patient_id BLOB NOT NULL REFERENCES patient(patient_id),
            key_version INTEGER NOT NULL,
            vault_key_version INTEGER NOT NULL REFERENCES vault_key_version(version),
            wrapped_key BLOB NOT NULL,
            PRIMARY KEY (patient_id, key_version)
        ) STRICT;
        CREATE INDEX escrow_key_by_vault_key_version ON escrow_key(vault_key_version);

        CREATE TABLE key_grant (
            patient_id BLOB NOT NULL REFERENCES patient(patient_id),
            fingerprint BLOB NOT NULL REFERENCES professional(fingerprint),
            key_version INTEGER NOT NULL,
            wrapped_key BLOB NOT NULL,
            \(fingerprint("granted_by")),
            granted_at INTEGER NOT NULL,
            PRIMARY KEY (patient_id, fingerprint, key_version)
        ) STRICT;
        CREATE INDEX key_grant_by_fingerprint ON key_grant(fingerprint);

        CREATE TABLE pending_grant (
            patient_id BLOB NOT NULL REFERENCES patient(patient_id),
            \(fingerprint("fingerprint")),
            key_version INTEGER NOT NULL,
            sealed_key BLOB NOT NULL,
            \(fingerprint("granted_by")),
            granted_at INTEGER NOT NULL,
            PRIMARY KEY (patient_id, fingerprint, key_version)
        ) STRICT;
        CREATE INDEX pending_grant_by_fingerprint ON pending_grant(fingerprint);

        CREATE TABLE team (
            \(id("team_id")) PRIMARY KEY,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE team_member (
            team_id BLOB NOT NULL REFERENCES team(team_id),
            \(fingerprint("fingerprint")),
            added_at INTEGER NOT NULL,
            PRIMARY KEY (team_id, fingerprint)
        ) STRICT;
        CREATE INDEX team_member_by_fingerprint ON team_member(fingerprint);

        CREATE TABLE team_grant (
            patient_id BLOB NOT NULL REFERENCES patient(patient_id),
            team_id BLOB NOT NULL REFERENCES team(team_id),
            \(fingerprint("granted_by")),
            granted_at INTEGER NOT NULL,
            PRIMARY KEY (patient_id, team_id)
        ) STRICT;

        CREATE TABLE policy_event (
            \(id("event_id")) PRIMARY KEY,
            patient_id BLOB NOT NULL REFERENCES patient(patient_id),
            kind TEXT NOT NULL,
            payload BLOB NOT NULL,
            subject_fingerprint BLOB,
            \(fingerprint("recorded_by")),
            recorded_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX policy_event_by_patient ON policy_event(patient_id);
        \(appendOnly("policy_event",
                     rule: "policy events are append-only until the patient is shredded",
                     deletable: shredded("OLD.patient_id")))

        CREATE TABLE record_version (
            \(id("record_id")),
            patient_id BLOB NOT NULL REFERENCES patient(patient_id),
            version INTEGER NOT NULL,
            key_version INTEGER NOT NULL,
            header BLOB NOT NULL,
            sealed_content_type BLOB NOT NULL,
            plaintext_size INTEGER NOT NULL CHECK (plaintext_size >= 0),
            segment_count INTEGER NOT NULL CHECK (segment_count >= 0),
            \(fingerprint("author_fingerprint")),
            created_at INTEGER NOT NULL,
            PRIMARY KEY (record_id, version)
        ) STRICT;
        CREATE INDEX record_version_by_patient ON record_version(patient_id);
        \(appendOnly("record_version",
                     rule: "record versions are append-only until the patient is shredded",
                     deletable: shredded("OLD.patient_id")))
        CREATE TRIGGER record_version_not_after_shredding BEFORE INSERT ON record_version
        WHEN \(shredded("NEW.patient_id"))
        BEGIN SELECT RAISE(ABORT, 'a shredded patient gets no new records'); END;

        CREATE TABLE record_segment (
            record_id BLOB NOT NULL,
            version INTEGER NOT NULL,
            idx INTEGER NOT NULL CHECK (idx >= 0),
            ciphertext BLOB NOT NULL,
            PRIMARY KEY (record_id, version, idx),
            FOREIGN KEY (record_id, version) REFERENCES record_version(record_id, version)
        ) STRICT;
        \(appendOnly("record_segment",
                     rule: "record segments are append-only until the patient is shredded",
                     deletable: shredded("""
                         (SELECT patient_id FROM record_version
                          WHERE record_id = OLD.record_id AND version = OLD.version)
                         """)))

        CREATE TABLE audit_entry (
            sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
            time INTEGER NOT NULL,
            \(fingerprint("actor_fingerprint", null: true)),
            actor_national_id TEXT,
            action TEXT NOT NULL,
            \(id("patient_id", null: true)),
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL,
            \(fingerprint("previous_hash")),
            \(fingerprint("hash"))
        ) STRICT;
        \(appendOnly("audit_entry", rule: "audit entries are append-only"))
        CREATE TRIGGER audit_entry_chained BEFORE INSERT ON audit_entry
        WHEN NEW.sequence IS NOT (SELECT ifnull(max(sequence), 0) + 1 FROM audit_entry)
          OR NEW.previous_hash IS NOT ifnull(
              (SELECT hash FROM audit_entry ORDER BY sequence DESC LIMIT 1), zeroblob(32))
        BEGIN SELECT RAISE(ABORT, 'an audit entry must follow the last one and carry its hash'); END;

        CREATE TABLE audit_checkpoint (
            sequence INTEGER NOT NULL REFERENCES audit_entry(sequence),
            \(fingerprint("head_hash")),
            \(fingerprint("signer_fingerprint")),
            signature BLOB NOT NULL,
            signed_at INTEGER NOT NULL,
            PRIMARY KEY (sequence, signer_fingerprint)
        ) STRICT;
        \(appendOnly("audit_checkpoint", rule: "audit checkpoints are append-only"))
        CREATE TRIGGER audit_checkpoint_signs_head BEFORE INSERT ON audit_checkpoint
        WHEN NEW.head_hash IS NOT (SELECT hash FROM audit_entry WHERE sequence = NEW.sequence)
        BEGIN SELECT RAISE(ABORT, 'a checkpoint must carry the hash of the entry it signs'); END;

        CREATE TABLE pending_rekey (
            \(id("patient_id")) PRIMARY KEY REFERENCES patient(patient_id),
            reason TEXT NOT NULL,
            queued_at INTEGER NOT NULL
        ) STRICT;
        """

    /// Version 2: the recovery certificate kept for rotations, and the blind-index key escrowed
    /// under each vault key version for recoveries.
    private static let version2 = """
        CREATE TABLE recovery_certificate (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            \(fingerprint("fingerprint")),
            certificate BLOB NOT NULL,
            set_at INTEGER NOT NULL
        ) STRICT;
        ALTER TABLE vault_key_version ADD COLUMN wrapped_index_key BLOB;
        """

    /// The rekey conditions of schema version 3 replace the blanket refusal of updates to
    /// record versions and segments.
    private static let version3 = """
        DROP TRIGGER record_version_no_update;
        CREATE TRIGGER record_version_no_update BEFORE UPDATE ON record_version
        WHEN NOT (
            NEW.record_id IS OLD.record_id AND NEW.patient_id IS OLD.patient_id AND NEW.version IS OLD.version
            AND NEW.plaintext_size IS OLD.plaintext_size AND NEW.segment_count IS OLD.segment_count
            AND NEW.author_fingerprint IS OLD.author_fingerprint AND NEW.created_at IS OLD.created_at
            AND length(NEW.header) IS length(OLD.header)
            AND length(NEW.sealed_content_type) IS length(OLD.sealed_content_type)
            AND NEW.key_version > OLD.key_version
            AND ifnull((SELECT NEW.key_version <= current_key_version AND shredded_at IS NULL
                        FROM patient WHERE patient_id = OLD.patient_id), 0))
        BEGIN SELECT RAISE(ABORT, 'record versions are append-only; only a rekey moves one to a newer patient key'); END;

        DROP TRIGGER record_segment_no_update;
        CREATE TRIGGER record_segment_no_update BEFORE UPDATE ON record_segment
        WHEN NOT (
            NEW.record_id IS OLD.record_id AND NEW.version IS OLD.version AND NEW.idx IS OLD.idx
            AND length(NEW.ciphertext) IS length(OLD.ciphertext)
            AND ifnull((SELECT record_version.key_version < patient.current_key_version AND patient.shredded_at IS NULL
                        FROM record_version JOIN patient ON patient.patient_id = record_version.patient_id
                        WHERE record_version.record_id = OLD.record_id AND record_version.version = OLD.version), 0))
        BEGIN SELECT RAISE(ABORT, 'record segments are append-only; only a rekey rewrites those of a version on an older patient key'); END;
        """

    /// Version 4: a rekey reseals the statements of the patient's policy events too, so the
    /// payload alone may change, keeping its length, while the patient's rekey is under way.
    private static let version4 = """
        DROP TRIGGER policy_event_no_update;
        CREATE TRIGGER policy_event_no_update BEFORE UPDATE ON policy_event
        WHEN NOT (
            NEW.event_id IS OLD.event_id AND NEW.patient_id IS OLD.patient_id AND NEW.kind IS OLD.kind
            AND NEW.subject_fingerprint IS OLD.subject_fingerprint AND NEW.recorded_by IS OLD.recorded_by
            AND NEW.recorded_at IS OLD.recorded_at AND length(NEW.payload) IS length(OLD.payload)
            AND EXISTS (SELECT 1 FROM pending_rekey WHERE patient_id = OLD.patient_id)
            AND \(shredded("OLD.patient_id")) IS 0)
        BEGIN SELECT RAISE(ABORT, 'policy events are append-only; only a rekey reseals their statement'); END;
        """

    /// Version 5: audit entries of format version 2, which chain to nothing and are integrated
    /// into the Merkle tree: the previous hash becomes optional (the table is rebuilt, as SQLite
    /// cannot relax a column), each entry gets a leaf index, set once, and the tree's state a
    /// row of its own. Entries already written keep their chain and get their leaves from the
    /// first integration.
    private static let version5 = """
        DROP TRIGGER audit_entry_no_update;
        DROP TRIGGER audit_entry_no_delete;
        DROP TRIGGER audit_entry_chained;
        DROP TRIGGER audit_checkpoint_signs_head;
        CREATE TABLE audit_entry_v5 (
            sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
            time INTEGER NOT NULL,
            \(fingerprint("actor_fingerprint", null: true)),
            actor_national_id TEXT,
            action TEXT NOT NULL,
            \(id("patient_id", null: true)),
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL,
            \(fingerprint("previous_hash", null: true)),
            \(fingerprint("hash")),
            leaf_index INTEGER UNIQUE CHECK (leaf_index >= 0)
        ) STRICT;
        INSERT INTO audit_entry_v5 (sequence, time, actor_fingerprint, actor_national_id, action, patient_id, outcome, reason,
                                    previous_hash, hash)
            SELECT sequence, time, actor_fingerprint, actor_national_id, action, patient_id, outcome, reason, previous_hash, hash
            FROM audit_entry;
        DROP TABLE audit_entry;
        ALTER TABLE audit_entry_v5 RENAME TO audit_entry;
        CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
        CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
        WHEN NOT (
            OLD.leaf_index IS NULL AND NEW.leaf_index IS NOT NULL
            AND NEW.sequence IS OLD.sequence AND NEW.time IS OLD.time AND NEW.actor_fingerprint IS OLD.actor_fingerprint
            AND NEW.actor_national_id IS OLD.actor_national_id AND NEW.action IS OLD.action AND NEW.patient_id IS OLD.patient_id
            AND NEW.outcome IS OLD.outcome AND NEW.reason IS OLD.reason AND NEW.previous_hash IS OLD.previous_hash
            AND NEW.hash IS OLD.hash)
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only; only the integrator gives one its leaf, once'); END;
        CREATE TRIGGER audit_entry_unchained BEFORE INSERT ON audit_entry
        WHEN NEW.previous_hash IS NOT NULL OR NEW.leaf_index IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'an audit entry is appended without a previous hash or a leaf'); END;
        CREATE TRIGGER audit_checkpoint_signs_head BEFORE INSERT ON audit_checkpoint
        WHEN NEW.head_hash IS NOT (SELECT hash FROM audit_entry WHERE sequence = NEW.sequence)
        BEGIN SELECT RAISE(ABORT, 'a checkpoint must carry the hash of the entry it signs'); END;

        CREATE TABLE audit_tree (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            size INTEGER NOT NULL CHECK (size >= 0),
            compact_range BLOB NOT NULL
        ) STRICT;
        INSERT INTO audit_tree (singleton, size, compact_range) VALUES (1, 0, X'');
        CREATE TRIGGER audit_tree_only_grows BEFORE UPDATE ON audit_tree WHEN NEW.size < OLD.size
        BEGIN SELECT RAISE(ABORT, 'the audit tree only grows'); END;
        CREATE TRIGGER audit_tree_no_delete BEFORE DELETE ON audit_tree
        BEGIN SELECT RAISE(ABORT, 'the audit tree only grows'); END;
        """

    /// Version 6: the entries that state the digest of a set of access facts, found by their key
    /// (the first 64 characters of the reason) without reading the log.
    private static let version6 = """
        CREATE INDEX audit_entry_binding ON audit_entry (substr(reason, 1, 64), sequence)
            WHERE action = 'binding.state';
        """
}
