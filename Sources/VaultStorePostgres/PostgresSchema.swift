/// The PostgreSQL schema of a vault: the same tables, columns, keys and rules as the SQLite
/// schema (`SQLiteSchema`), in one PostgreSQL schema per vault, with its version in
/// `vault_schema`.
///
/// Ids are 16-byte and fingerprints and hashes 32-byte `bytea`, checked by the tables; times are
/// `bigint` Unix milliseconds (`StoredTime`); every table has a `row_order` identity giving
/// insertion order. References are `DEFERRABLE` so that a transaction can defer them to its
/// commit. Triggers keep history append-only: audit entries and checkpoints are never updated,
/// deleted or truncated; record versions, their segments and policy events are deleted only
/// once their patient is marked shredded, which cannot be undone and stops new record versions;
/// each audit entry must follow the last one and carry its hash. The one update history allows
/// is a rekey (from version 3): a record version's segments rewritten at the same length while
/// its key version is below its patient's current one, then the version moved to a higher key
/// version with a new header and sealed content type of the same lengths; and (from version 4)
/// a policy event's payload resealed at the same length while its patient's rekey is pending.
/// From version 5 audit entries chain to nothing: a sequence numbers them without making writers
/// wait, and the one update allowed gives an entry its leaf in the Merkle tree, once; the tree's
/// row (`audit_tree`), which the integrator locks, only grows. Refusals are raised as SQLSTATE P0001 with the rule as message.
enum PostgresSchema {
    /// The newest schema version this build reads and writes.
    static var version: Int { versions.count }

    /// Each schema version's SQL, in order: the N-th brings a schema at version N - 1 (0 for
    /// empty) to version N.
    static let versions = [version1, version2, version3, version4, version5, version6]

    private static func id(_ column: String, null: Bool = false) -> String {
        sized(column, bytes: 16, null: null)
    }

    private static func fingerprint(_ column: String, null: Bool = false) -> String {
        sized(column, bytes: 32, null: null)
    }

    private static func sized(_ column: String, bytes: Int, null: Bool) -> String {
        null
            ? "\(column) bytea CHECK (\(column) IS NULL OR octet_length(\(column)) = \(bytes))"
            : "\(column) bytea NOT NULL CHECK (octet_length(\(column)) = \(bytes))"
    }

    private static let order = "row_order bigint GENERATED ALWAYS AS IDENTITY"

    private static func references(_ target: String) -> String {
        "REFERENCES \(target) DEFERRABLE INITIALLY IMMEDIATE"
    }

    /// Triggers refusing UPDATE and TRUNCATE, and DELETE unless the row's patient is shredded
    /// (`deletableWhenShredded`) or always.
    private static func appendOnly(_ table: String, rule: String, deletableWhenShredded: Bool = false) -> String {
        """
        CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
            FOR EACH ROW EXECUTE FUNCTION refuse(\(literal(rule)));
        CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION refuse(\(literal(rule)));
        CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
            FOR EACH ROW EXECUTE FUNCTION \(deletableWhenShredded ? "refuse_unless_shredded" : "refuse")(\(literal(rule)));
        """
    }

    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static let version1 = """
        CREATE TABLE vault_schema (
            singleton bigint PRIMARY KEY CHECK (singleton = 1),
            version bigint NOT NULL
        );

        CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$;

        CREATE FUNCTION refuse_unless_shredded() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        DECLARE owner bytea;
        BEGIN
            IF TG_TABLE_NAME = 'record_segment' THEN
                SELECT patient_id INTO owner FROM record_version
                WHERE record_id = OLD.record_id AND version = OLD.version;
            ELSE
                owner := OLD.patient_id;
            END IF;
            IF NOT patient_is_shredded(owner) THEN RAISE EXCEPTION '%', TG_ARGV[0]; END IF;
            RETURN OLD;
        END $$;

        CREATE TABLE vault_metadata (
            singleton bigint PRIMARY KEY CHECK (singleton = 1),
            \(id("vault_id")),
            format_version bigint NOT NULL,
            created_at bigint NOT NULL,
            two_person_rule bigint NOT NULL CHECK (two_person_rule IN (0, 1)),
            \(order)
        );

        CREATE TABLE vault_key_version (
            version bigint PRIMARY KEY,
            created_at bigint NOT NULL,
            retired_at bigint,
            deposit_public_key bytea,
            deposit_private_key bytea,
            \(order)
        );

        CREATE TABLE sealed_vault_key (
            version bigint NOT NULL \(references("vault_key_version(version)")),
            \(fingerprint("holder_fingerprint")),
            holder_kind text NOT NULL CHECK (holder_kind IN ('adminCard', 'recoveryCertificate')),
            sealed_key bytea NOT NULL,
            \(order),
            PRIMARY KEY (version, holder_fingerprint)
        );

        CREATE TABLE professional (
            \(fingerprint("fingerprint")) PRIMARY KEY,
            national_id text NOT NULL,
            role text NOT NULL CHECK (role IN ('professional', 'admin')),
            certificate bytea NOT NULL,
            sealed_wallet_key bytea NOT NULL,
            \(fingerprint("wallet_check")),
            enrolled_at bigint NOT NULL,
            removed_at bigint,
            \(order)
        );

        CREATE TABLE patient (
            \(id("patient_id")) PRIMARY KEY,
            \(fingerprint("blind_index")) UNIQUE,
            identity bytea NOT NULL,
            current_key_version bigint NOT NULL,
            created_at bigint NOT NULL,
            shredded_at bigint,
            \(order)
        );
        CREATE FUNCTION patient_is_shredded(id bytea) RETURNS boolean LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
            SELECT coalesce((SELECT shredded_at IS NOT NULL FROM patient WHERE patient_id = id), false)
        $$;
        CREATE TRIGGER patient_no_delete BEFORE DELETE ON patient
            FOR EACH ROW EXECUTE FUNCTION refuse('patients are never deleted, shredding keeps the row');
        CREATE TRIGGER patient_no_truncate BEFORE TRUNCATE ON patient
            FOR EACH STATEMENT EXECUTE FUNCTION refuse('patients are never deleted, shredding keeps the row');
        CREATE TRIGGER patient_stays_shredded BEFORE UPDATE OF shredded_at ON patient
            FOR EACH ROW WHEN (OLD.shredded_at IS NOT NULL AND NEW.shredded_at IS DISTINCT FROM OLD.shredded_at)
            EXECUTE FUNCTION refuse('a shredded patient stays shredded');

        CREATE TABLE escrow_key (
            patient_id bytea NOT NULL \(references("patient(patient_id)")),
            key_version bigint NOT NULL,
            vault_key_version bigint NOT NULL \(references("vault_key_version(version)")),
            wrapped_key bytea NOT NULL,
            \(order),
            PRIMARY KEY (patient_id, key_version)
        );
        CREATE INDEX escrow_key_by_vault_key_version ON escrow_key(vault_key_version, row_order);

        CREATE TABLE key_grant (
            patient_id bytea NOT NULL \(references("patient(patient_id)")),
            fingerprint bytea NOT NULL \(references("professional(fingerprint)")),
            key_version bigint NOT NULL,
            wrapped_key bytea NOT NULL,
            \(fingerprint("granted_by")),
            granted_at bigint NOT NULL,
            \(order),
            PRIMARY KEY (patient_id, fingerprint, key_version)
        );
        CREATE INDEX key_grant_by_fingerprint ON key_grant(fingerprint);

        CREATE TABLE pending_grant (
            patient_id bytea NOT NULL \(references("patient(patient_id)")),
            \(fingerprint("fingerprint")),
            key_version bigint NOT NULL,
            sealed_key bytea NOT NULL,
            \(fingerprint("granted_by")),
            granted_at bigint NOT NULL,
            \(order),
            PRIMARY KEY (patient_id, fingerprint, key_version)
        );
        CREATE INDEX pending_grant_by_fingerprint ON pending_grant(fingerprint);

        CREATE TABLE team (
            \(id("team_id")) PRIMARY KEY,
            name text NOT NULL,
            created_at bigint NOT NULL,
            \(order)
        );

        CREATE TABLE team_member (
            team_id bytea NOT NULL \(references("team(team_id)")),
            \(fingerprint("fingerprint")),
            added_at bigint NOT NULL,
            \(order),
            PRIMARY KEY (team_id, fingerprint)
        );
        CREATE INDEX team_member_by_fingerprint ON team_member(fingerprint);

        CREATE TABLE team_grant (
            patient_id bytea NOT NULL \(references("patient(patient_id)")),
            team_id bytea NOT NULL \(references("team(team_id)")),
            \(fingerprint("granted_by")),
            granted_at bigint NOT NULL,
            \(order),
            PRIMARY KEY (patient_id, team_id)
        );

        CREATE TABLE policy_event (
            \(id("event_id")) PRIMARY KEY,
            patient_id bytea NOT NULL \(references("patient(patient_id)")),
            kind text NOT NULL,
            payload bytea NOT NULL,
            subject_fingerprint bytea,
            \(fingerprint("recorded_by")),
            recorded_at bigint NOT NULL,
            \(order)
        );
        CREATE INDEX policy_event_by_patient ON policy_event(patient_id);
        \(appendOnly("policy_event", rule: "policy events are append-only until the patient is shredded",
                     deletableWhenShredded: true))

        CREATE TABLE record_version (
            \(id("record_id")),
            patient_id bytea NOT NULL \(references("patient(patient_id)")),
            version bigint NOT NULL,
            key_version bigint NOT NULL,
            header bytea NOT NULL,
            sealed_content_type bytea NOT NULL,
            plaintext_size bigint NOT NULL CHECK (plaintext_size >= 0),
            segment_count bigint NOT NULL CHECK (segment_count >= 0),
            \(fingerprint("author_fingerprint")),
            created_at bigint NOT NULL,
            \(order),
            PRIMARY KEY (record_id, version)
        );
        CREATE INDEX record_version_by_patient ON record_version(patient_id);
        \(appendOnly("record_version", rule: "record versions are append-only until the patient is shredded",
                     deletableWhenShredded: true))
        CREATE FUNCTION record_version_not_after_shredding() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF patient_is_shredded(NEW.patient_id) THEN
                RAISE EXCEPTION 'a shredded patient gets no new records';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER record_version_not_after_shredding BEFORE INSERT ON record_version
            FOR EACH ROW EXECUTE FUNCTION record_version_not_after_shredding();

        CREATE TABLE record_segment (
            record_id bytea NOT NULL,
            version bigint NOT NULL,
            idx bigint NOT NULL CHECK (idx >= 0),
            ciphertext bytea NOT NULL,
            \(order),
            PRIMARY KEY (record_id, version, idx),
            FOREIGN KEY (record_id, version) \(references("record_version(record_id, version)"))
        );
        \(appendOnly("record_segment", rule: "record segments are append-only until the patient is shredded",
                     deletableWhenShredded: true))

        CREATE TABLE audit_entry (
            sequence bigint PRIMARY KEY CHECK (sequence >= 1),
            time bigint NOT NULL,
            \(fingerprint("actor_fingerprint", null: true)),
            actor_national_id text,
            action text NOT NULL,
            \(id("patient_id", null: true)),
            outcome text NOT NULL,
            reason text NOT NULL,
            \(fingerprint("previous_hash")),
            \(fingerprint("hash")),
            \(order)
        );
        \(appendOnly("audit_entry", rule: "audit entries are append-only"))
        CREATE FUNCTION audit_entry_chained() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        DECLARE last audit_entry%ROWTYPE;
        BEGIN
            SELECT * INTO last FROM audit_entry ORDER BY sequence DESC LIMIT 1;
            IF NEW.sequence IS DISTINCT FROM coalesce(last.sequence, 0) + 1
               OR NEW.previous_hash IS DISTINCT FROM coalesce(last.hash, decode(repeat('00', 32), 'hex')) THEN
                RAISE EXCEPTION 'an audit entry must follow the last one and carry its hash';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER audit_entry_chained BEFORE INSERT ON audit_entry
            FOR EACH ROW EXECUTE FUNCTION audit_entry_chained();

        CREATE TABLE audit_checkpoint (
            sequence bigint NOT NULL \(references("audit_entry(sequence)")),
            \(fingerprint("head_hash")),
            \(fingerprint("signer_fingerprint")),
            signature bytea NOT NULL,
            signed_at bigint NOT NULL,
            \(order),
            PRIMARY KEY (sequence, signer_fingerprint)
        );
        \(appendOnly("audit_checkpoint", rule: "audit checkpoints are append-only"))
        CREATE FUNCTION audit_checkpoint_signs_head() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NEW.head_hash IS DISTINCT FROM (SELECT hash FROM audit_entry WHERE sequence = NEW.sequence) THEN
                RAISE EXCEPTION 'a checkpoint must carry the hash of the entry it signs';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER audit_checkpoint_signs_head BEFORE INSERT ON audit_checkpoint
            FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_signs_head();

        CREATE TABLE pending_rekey (
            \(id("patient_id")) PRIMARY KEY \(references("patient(patient_id)")),
            reason text NOT NULL,
            queued_at bigint NOT NULL,
            \(order)
        );

        INSERT INTO vault_schema (singleton, version) VALUES (1, 1);
        """

    /// Version 2: the recovery certificate kept for rotations, and the blind-index key escrowed
    /// under each vault key version for recoveries.
    private static let version2 = """
        CREATE TABLE recovery_certificate (
            singleton bigint PRIMARY KEY CHECK (singleton = 1),
            \(fingerprint("fingerprint")),
            certificate bytea NOT NULL,
            set_at bigint NOT NULL,
            \(order)
        );
        ALTER TABLE vault_key_version ADD COLUMN wrapped_index_key bytea;
        """

    /// Version 3: the rekey conditions replace the blanket refusal of updates to record versions
    /// and segments.
    private static let version3 = """
        CREATE FUNCTION record_version_rekey_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NOT (NEW.record_id = OLD.record_id AND NEW.patient_id = OLD.patient_id AND NEW.version = OLD.version
                    AND NEW.plaintext_size = OLD.plaintext_size AND NEW.segment_count = OLD.segment_count
                    AND NEW.author_fingerprint = OLD.author_fingerprint AND NEW.created_at = OLD.created_at
                    AND octet_length(NEW.header) = octet_length(OLD.header)
                    AND octet_length(NEW.sealed_content_type) = octet_length(OLD.sealed_content_type)
                    AND NEW.key_version > OLD.key_version
                    AND coalesce((SELECT NEW.key_version <= current_key_version AND shredded_at IS NULL
                                  FROM patient WHERE patient_id = OLD.patient_id), false)) THEN
                RAISE EXCEPTION 'record versions are append-only; only a rekey moves one to a newer patient key';
            END IF;
            RETURN NEW;
        END $$;
        DROP TRIGGER record_version_no_update ON record_version;
        CREATE TRIGGER record_version_no_update BEFORE UPDATE ON record_version
            FOR EACH ROW EXECUTE FUNCTION record_version_rekey_only();

        CREATE FUNCTION record_segment_rekey_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NOT (NEW.record_id = OLD.record_id AND NEW.version = OLD.version AND NEW.idx = OLD.idx
                    AND octet_length(NEW.ciphertext) = octet_length(OLD.ciphertext)
                    AND coalesce((SELECT record_version.key_version < patient.current_key_version AND patient.shredded_at IS NULL
                                  FROM record_version JOIN patient ON patient.patient_id = record_version.patient_id
                                  WHERE record_version.record_id = OLD.record_id AND record_version.version = OLD.version),
                                 false)) THEN
                RAISE EXCEPTION 'record segments are append-only; only a rekey rewrites those of a version on an older patient key';
            END IF;
            RETURN NEW;
        END $$;
        DROP TRIGGER record_segment_no_update ON record_segment;
        CREATE TRIGGER record_segment_no_update BEFORE UPDATE ON record_segment
            FOR EACH ROW EXECUTE FUNCTION record_segment_rekey_only();
        """

    /// Version 4: a rekey reseals the statements of the patient's policy events too, so the
    /// payload alone may change, keeping its length, while the patient's rekey is under way.
    private static let version4 = """
        CREATE FUNCTION policy_event_rekey_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NOT (NEW.event_id = OLD.event_id AND NEW.patient_id = OLD.patient_id AND NEW.kind = OLD.kind
                    AND NEW.subject_fingerprint IS NOT DISTINCT FROM OLD.subject_fingerprint
                    AND NEW.recorded_by = OLD.recorded_by AND NEW.recorded_at = OLD.recorded_at
                    AND octet_length(NEW.payload) = octet_length(OLD.payload)
                    AND EXISTS (SELECT 1 FROM pending_rekey WHERE patient_id = OLD.patient_id)
                    AND NOT patient_is_shredded(OLD.patient_id)) THEN
                RAISE EXCEPTION 'policy events are append-only; only a rekey reseals their statement';
            END IF;
            RETURN NEW;
        END $$;
        DROP TRIGGER policy_event_no_update ON policy_event;
        CREATE TRIGGER policy_event_no_update BEFORE UPDATE ON policy_event
            FOR EACH ROW EXECUTE FUNCTION policy_event_rekey_only();
        """

    /// Version 5: audit entries of format version 2, which chain to nothing and are integrated
    /// into the Merkle tree in batches: no previous hash, a sequence of the server's, a leaf
    /// index set once, and the tree's state in a row of its own. Entries already written keep
    /// their chain and get their leaves from the first integration.
    private static let version5 = """
        DROP TRIGGER audit_entry_chained ON audit_entry;
        DROP FUNCTION audit_entry_chained();
        ALTER TABLE audit_entry ALTER COLUMN previous_hash DROP NOT NULL;
        ALTER TABLE audit_entry ADD COLUMN leaf_index bigint UNIQUE CHECK (leaf_index >= 0);
        CREATE SEQUENCE audit_entry_sequence OWNED BY audit_entry.sequence;
        SELECT setval('audit_entry_sequence', coalesce(max(sequence), 0) + 1, false) FROM audit_entry;
        ALTER TABLE audit_entry ALTER COLUMN sequence SET DEFAULT nextval('audit_entry_sequence');
        CREATE FUNCTION audit_entry_unchained() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NEW.previous_hash IS NOT NULL OR NEW.leaf_index IS NOT NULL THEN
                RAISE EXCEPTION 'an audit entry is appended without a previous hash or a leaf';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER audit_entry_unchained BEFORE INSERT ON audit_entry
            FOR EACH ROW EXECUTE FUNCTION audit_entry_unchained();
        CREATE FUNCTION audit_entry_integration_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NOT (OLD.leaf_index IS NULL AND NEW.leaf_index IS NOT NULL
                    AND (NEW.sequence, NEW.time, NEW.actor_fingerprint, NEW.actor_national_id, NEW.action, NEW.patient_id,
                         NEW.outcome, NEW.reason, NEW.previous_hash, NEW.hash)
                        IS NOT DISTINCT FROM
                        (OLD.sequence, OLD.time, OLD.actor_fingerprint, OLD.actor_national_id, OLD.action, OLD.patient_id,
                         OLD.outcome, OLD.reason, OLD.previous_hash, OLD.hash)) THEN
                RAISE EXCEPTION 'audit entries are append-only; only the integrator gives one its leaf, once';
            END IF;
            RETURN NEW;
        END $$;
        DROP TRIGGER audit_entry_no_update ON audit_entry;
        CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
            FOR EACH ROW EXECUTE FUNCTION audit_entry_integration_only();

        CREATE TABLE audit_tree (
            singleton bigint PRIMARY KEY CHECK (singleton = 1),
            size bigint NOT NULL CHECK (size >= 0),
            compact_range bytea NOT NULL,
            \(order)
        );
        INSERT INTO audit_tree (singleton, size, compact_range) VALUES (1, 0, ''::bytea);
        CREATE FUNCTION audit_tree_only_grows() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF TG_OP <> 'UPDATE' OR NEW.size < OLD.size THEN
                RAISE EXCEPTION 'the audit tree only grows';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER audit_tree_only_grows BEFORE UPDATE OR DELETE ON audit_tree
            FOR EACH ROW EXECUTE FUNCTION audit_tree_only_grows();
        CREATE TRIGGER audit_tree_no_truncate BEFORE TRUNCATE ON audit_tree
            FOR EACH STATEMENT EXECUTE FUNCTION refuse('the audit tree only grows');
        """

    /// Version 6: the entries that state the digest of a set of access facts, found by their key
    /// (the first 64 characters of the reason) without reading the log.
    private static let version6 = """
        CREATE INDEX audit_entry_binding ON audit_entry (substr(reason, 1, 64), sequence)
            WHERE action = 'binding.state';
        """
}
