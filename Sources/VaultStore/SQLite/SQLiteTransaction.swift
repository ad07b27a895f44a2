import GRDB

/// A vault transaction on one SQLite connection: the `VaultReading`/`VaultWriting` handed to a
/// `SQLiteVaultStore` body, valid only while that body runs.
struct SQLiteTransaction: StoredTransaction {
    let db: Database
    /// The database file, for error messages.
    let path: String

    var insertionOrder: String { "rowid" }
    var lockingWithoutWaiting: String { "" }
    /// SQLite has one writer at a time: it integrates each audit entry as it is appended.
    var integratesAuditOnAppend: Bool { true }
    var location: String { path }

    /// `PRAGMA defer_foreign_keys`: like every flag pragma it expires the connection's prepared
    /// statements, which then recompile at their next use, so callers keep it for the
    /// transactions that need it.
    func deferReferenceChecks() throws {
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
    }

    func forEachRow<R: StoredRow>(
        _ type: R.Type, where condition: String, _ arguments: [StoredValue], orderBy order: String,
        limit: Int?, _ body: (R) throws -> Void
    ) throws {
        let table = R.table.name
        let cursor = try mappingSQLiteErrors(path: path) {
            // Prepared once per connection and kept (the SQL texts are fixed), so `body` must not
            // run the same query on this transaction.
            try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT * FROM \(table) WHERE \(condition) ORDER BY \(order) LIMIT \(limit ?? -1)"),
                arguments: Self.arguments(arguments))
        }
        while let row = try mappingSQLiteErrors(path: path, { try cursor.next() }) {
            try body(R(StoredColumns(row: row, table: table, path: path)))
        }
    }

    func fetch(_ sql: String, _ arguments: [StoredValue], table: String) throws -> [StoredColumns] {
        try mappingSQLiteErrors(path: path) {
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
                .map { StoredColumns(row: $0, table: table, path: path) }
        }
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: [StoredValue], about table: StoredTable) throws -> Int {
        try mappingSQLiteErrors(path: path, table: table) {
            try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
            return db.changesCount
        }
    }

    func insert<R: StoredRow>(row: R, replacing: Bool) throws {
        let values = row.values
        let columns = values.keys.sorted()
        let verb = replacing ? "INSERT OR REPLACE" : "INSERT"
        try execute(
            "\(verb) INTO \(R.table.name) (\(columns.joined(separator: ", "))) "
                + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
            columns.map { values[$0].flatMap { $0 }.storedValue }, about: R.table)
    }

    private static func arguments(_ values: [StoredValue]) -> StatementArguments {
        // GRDB's initialiser for a sequence of one concrete type maps it through a key path, which
        // its generic context instantiates at run time on every call (it showed in profiles of
        // every statement); the one for optional existentials maps through a closure.
        StatementArguments(values.map { $0.databaseValue as (any DatabaseValueConvertible)? })
    }
}
