import GRDB

/// The embedded vault store: one SQLite database file in WAL mode, durable at each commit
/// (`synchronous=FULL`), with foreign keys on and deleted content overwritten
/// (`secure_delete`); the file and its -wal and -shm are owner-only.
///
/// Several threads may read at once while one writes; each `read` sees a snapshot. See
/// `SQLiteSchema` for the tables and the append-only rules.
public final class SQLiteVaultStore: VaultStore {
    /// The newest schema version this build reads and writes; a newer database is refused.
    public static let schemaVersion = SQLiteSchema.version

    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens the vault database at `path`, creating it (owner-only) if it is missing and
    /// bringing an older schema up to date; refuses a newer schema, a database that is not a
    /// vault, files open to other users, and a folder other users may write to.
    public convenience init(path: String) throws(VaultStoreError) {
        let files = SQLiteVaultFiles(path: path)
        try files.checkPlace()
        try files.createIfMissing()
        try self.init(files: files, mustHoldVault: false)
    }

    /// Refuses `path` as a place for a vault, as opening or creating one there would (a folder
    /// other users may write to, files of another user, a folder given as the vault), without
    /// touching it.
    public static func checkPlace(path: String) throws(VaultStoreError) {
        try SQLiteVaultFiles(path: path).checkPlace()
    }

    /// Opens the existing vault database at `path`, with the same checks as `init(path:)`;
    /// throws `missing` if there is no file, `empty` if it is empty, and `notAVault` if the
    /// file holds no vault.
    public static func openExisting(path: String) throws(VaultStoreError) -> SQLiteVaultStore {
        let files = SQLiteVaultFiles(path: path)
        try files.checkPlace()
        guard files.exists else { throw .missing(path: path) }
        try files.checkNotEmpty()
        return try SQLiteVaultStore(files: files, mustHoldVault: true)
    }

    private init(files: SQLiteVaultFiles, mustHoldVault: Bool) throws(VaultStoreError) {
        path = files.path
        try files.checkOwnerOnly()
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration)
            let state = try pool.read(SQLiteSchema.state)
            if state.version > SQLiteSchema.version {
                throw VaultStoreError.newerSchema(path: path, found: state.version, supported: SQLiteSchema.version)
            }
            if state.version == 0 && (mustHoldVault || !state.isEmpty) {
                throw VaultStoreError.notAVault(path: path)
            }
            try SQLiteSchema.migrator.migrate(pool)
            // GRDB's pool sets synchronous=NORMAL on its writer when it turns WAL on, after
            // `prepareDatabase`: every commit must reach the disk before it returns, so FULL is
            // set again here, and checked. The writer alone gets a larger page cache, so that
            // the indexes a rotation or a large import updates stay in memory (readers keep
            // SQLite's 2000 pages, which bounds an export's memory).
            try pool.writeWithoutTransaction { db in try db.execute(sql: Self.writerSettings) }
            guard try synchronousSetting() == Self.synchronousFull else {
                throw VaultStoreError.failed(path: path, detail: "SQLite refused synchronous=FULL; commits would not be durable")
            }
        } catch let error as VaultStoreError {
            throw error
        } catch let error as DatabaseError {
            throw VaultStoreError(error, path: path)
        } catch {
            throw .failed(path: path, detail: String(describing: error))
        }
        try files.restrictToOwner()
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.label = "cpsvault"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON")
        }
        return configuration
    }

    /// What the writer connection runs once the pool is open: synchronous=FULL and a 64 MiB page cache.
    static let writerSettings = "PRAGMA synchronous = FULL; PRAGMA cache_size = -65536"

    /// `PRAGMA synchronous` of FULL: the write-ahead log is synced at every commit.
    static let synchronousFull = 2

    /// The writer connection's `PRAGMA synchronous` (2 is FULL).
    func synchronousSetting() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Runs `body` in a read transaction on one of several reader connections.
    public func read<T>(_ body: (any VaultReading) throws -> T) throws -> T {
        try mappingSQLiteErrors(path: path) {
            try pool.read { db in try body(SQLiteTransaction(db: db, path: path)) }
        }
    }

    /// Runs `body` in an IMMEDIATE transaction on the single writer connection.
    @discardableResult
    public func write<T>(_ body: (any VaultWriting) throws -> T) throws -> T {
        try mappingSQLiteErrors(path: path) {
            try pool.write { db in try body(SQLiteTransaction(db: db, path: path)) }
        }
    }

    /// Checkpoints the write-ahead log into the database and truncates it, waiting for readers
    /// of this process; `secure_delete` has already overwritten the deleted pages themselves.
    public func discardDeletedContent() throws {
        try mappingSQLiteErrors(path: path) {
            try pool.barrierWriteWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        }
    }
}
