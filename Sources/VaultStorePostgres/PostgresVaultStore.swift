import Foundation
import PostgresNIO
import VaultStore

/// The vault store on a PostgreSQL server, for several workstations sharing one vault: the
/// same tables, rules and errors as `SQLiteVaultStore`, in the schema its `PostgresLocation`
/// names.
///
/// Each `read` runs in one REPEATABLE READ READ ONLY transaction, one consistent snapshot. Each
/// `write` runs in one SERIALIZABLE transaction; when the server aborts it for a serialization
/// failure or a deadlock, the body runs again on a fresh snapshot, up to `attempts` times in
/// all, so a body must compute its changes only from what it reads (which every vault body
/// does). Calls block the calling thread and must not be made from a NIO event loop (see
/// `PostgresConnections`).
///
/// Writers run at once: nothing takes a vault-wide lock (audit entries chain to nothing and are
/// numbered by a server sequence, see `PostgresSchema`), so two workstations adding records do
/// not wait on each other, and readers never wait for writers. Only opening a schema that needs
/// migrating takes an advisory lock, for the migration.
public final class PostgresVaultStore: VaultStore {
    /// The newest schema version this build reads and writes; a newer schema is refused.
    public static let schemaVersion = PostgresSchema.version

    /// Where the vault is stored.
    public let location: PostgresLocation
    /// How many times a write runs at most before giving up with `VaultStoreError.busy`.
    public let attempts = 20
    private let connections: PostgresConnections

    /// Opens the vault at `location`, creating its schema if it is missing or empty and bringing
    /// an older schema up to date; refuses a newer schema and a schema holding something else.
    public convenience init(location: PostgresLocation) throws(VaultStoreError) {
        try self.init(location: location, mustHoldVault: false)
    }

    /// Opens the existing vault at `location`, with the same checks as `init(location:)`;
    /// throws `missing` if the database does not exist and `notAVault` if the schema holds no vault.
    public static func openExisting(location: PostgresLocation) throws(VaultStoreError) -> PostgresVaultStore {
        try PostgresVaultStore(location: location, mustHoldVault: true)
    }

    private init(location: PostgresLocation, mustHoldVault: Bool) throws(VaultStoreError) {
        self.location = location
        connections = try PostgresConnections(location: location)
        do {
            connections.byteColumns = try migrate(mustHoldVault: mustHoldVault)
        } catch {
            throw PostgresErrors.map(error, location: location.description)
        }
    }

    /// Runs `body` in a REPEATABLE READ READ ONLY transaction, which ends without waiting for
    /// the server (`PostgresTransaction.endReading`).
    public func read<T>(_ body: (any VaultReading) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", readOnly: true, body)
    }

    /// Runs `body` in a SERIALIZABLE transaction, again on a serialization failure or deadlock.
    @discardableResult
    public func write<T>(_ body: (any VaultWriting) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try transaction("BEGIN ISOLATION LEVEL SERIALIZABLE", body)
            } catch is Conflict {
                if attempt >= attempts { throw VaultStoreError.busy(path: location.description) }
                // A random pause, growing with each attempt (exponential backoff with jitter),
                // so that the transactions that collided do not collide again.
                let ceiling = UInt32(min(1 << attempt, 128)) * 1_000
                usleep(UInt32.random(in: 0...ceiling))
                attempt += 1
            }
        }
    }

    /// What this store has asked of its server since it opened: statements and waits for answers.
    public var traffic: PostgresTraffic { connections.traffic }

    /// Rewrites the tables that hold wrapped keys (`VACUUM FULL`), so that rows earlier writes
    /// deleted are no longer in the live table files. What the server keeps elsewhere (its
    /// write-ahead log, replicas, backups, freed disk blocks) is beyond a client's reach: on
    /// PostgreSQL, destroyed keys are gone from the database, and from its storage only as its
    /// operators' retention allows.
    public func discardDeletedContent() throws {
        try connections.withConnection { lease in
            let transaction = PostgresTransaction(connections: connections, connection: lease.connection)
            for table in [EscrowKey.table, Grant.table, PendingGrant.table, SealedVaultKey.table, VaultKeyVersion.table,
                          RecoveryCertificate.table] {
                try transaction.run("VACUUM FULL \(table.name)", [])
            }
        }
    }

    /// The transaction was lost to a serialization failure or deadlock and may be run again.
    private struct Conflict: Error {}

    /// Runs `body` between `begin` and COMMIT on one connection, rolling back when it throws.
    private func transaction<T>(_ begin: String, readOnly: Bool = false, _ body: (PostgresTransaction) throws -> T) throws -> T {
        try connections.withConnection { lease in
            try committed(PostgresTransaction(connections: connections, connection: lease.connection), begin: begin,
                          readOnly: readOnly, lease: lease, body)
        }
    }

    /// `body` between `begin` and COMMIT on `transaction`, rolled back when it throws. BEGIN is
    /// sent without waiting: its answer comes with the body's first query's; so is the COMMIT of
    /// a read-only transaction.
    private func committed<T>(_ transaction: PostgresTransaction, begin: String, readOnly: Bool,
                              lease: PostgresConnections.Lease, _ body: (PostgresTransaction) throws -> T) throws -> T {
        let result: T
        do {
            try transaction.send(begin, [])
            result = try body(transaction)
            if readOnly {
                transaction.endReading()
            } else {
                try transaction.run("COMMIT", [])
            }
        } catch {
            do {
                try transaction.rollBack()
            } catch {
                lease.isBroken = true
            }
            if transaction.conflicted { throw Conflict() }
            throw error
        }
        return result
    }

    /// Creates the schema if needed and applies the missing migrations, in one transaction that
    /// holds an advisory lock so that two processes opening a new vault do not both migrate.
    /// Returns the bytea columns of the migrated schema.
    private func migrate(mustHoldVault: Bool) throws -> Set<String> {
        try transaction("BEGIN ISOLATION LEVEL READ COMMITTED") { transaction in
            let schema = location.schema
            try transaction.run("SELECT pg_advisory_xact_lock(hashtext(?))", [.text("cpsvault.schema." + schema)])
            let state = try transaction.fetch(
                """
                SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = ?) AS schemas,
                       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v')) AS tables,
                       (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = ? AND c.relname = 'vault_schema') AS versioned
                """, [.text(schema), .text(schema), .text(schema)], table: "pg_class")[0]
            let isEmpty = try state.int("tables") == 0
            var version = 0
            if try state.int("versioned") == 1 {
                version = try transaction.fetch("SELECT version FROM vault_schema", [], table: "vault_schema")
                    .first?.int("version") ?? 0
            }
            if version > PostgresSchema.version {
                throw VaultStoreError.newerSchema(path: location.description, found: version,
                                                  supported: PostgresSchema.version)
            }
            if version == 0 && (mustHoldVault || !isEmpty) {
                throw VaultStoreError.notAVault(path: location.description)
            }
            if try state.int("schemas") == 0 { try transaction.run("CREATE SCHEMA \(schema)", []) }
            for statements in PostgresSchema.versions.dropFirst(version) {
                // One statement through the extended protocol: a DO block running the script.
                try transaction.run("DO $do$ BEGIN EXECUTE $migration$\n\(statements)\n$migration$; END $do$", [])
                version += 1
                try transaction.run("UPDATE vault_schema SET version = ?", [.integer(Int64(version))])
            }
            return try transaction.byteColumnsOfSchema()
        }
    }
}
