import GRDB

/// A vault transaction on one SQLite connection: the `VaultReading`/`VaultWriting` handed to a
/// `SQLiteVaultStore` body, valid only while that body runs.
struct SQLiteTransaction {
    let db: Database
    /// The database file, for error messages.
    let path: String

    /// Every row of `R` matching `condition`, in `order`.
    func rows<R: SQLiteRow>(
        _ type: R.Type, where condition: String = "1", _ arguments: StatementArguments = [],
        orderBy order: String = "rowid", limit: Int = -1
    ) throws -> [R] {
        var result: [R] = []
        try forEachRow(type, where: condition, arguments, orderBy: order, limit: limit) { result.append($0) }
        return result
    }

    /// The first row of `R` matching `condition`, or nil.
    func row<R: SQLiteRow>(_ type: R.Type, where condition: String, _ arguments: StatementArguments) throws -> R? {
        try rows(type, where: condition, arguments, limit: 1).first
    }

    /// Calls `body` with each row of `R` matching `condition`, in `order`, decoding one at a
    /// time from a cursor. The statement is prepared once per connection and kept (the SQL
    /// texts are fixed), so `body` must not run the same query on this transaction.
    func forEachRow<R: SQLiteRow>(
        _ type: R.Type, where condition: String, _ arguments: StatementArguments,
        orderBy order: String, limit: Int = -1, _ body: (R) throws -> Void
    ) throws {
        let table = R.table.name
        let cursor = try mappingSQLiteErrors(path: path) {
            try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT * FROM \(table) WHERE \(condition) ORDER BY \(order) LIMIT \(limit)"),
                arguments: arguments)
        }
        while let row = try mappingSQLiteErrors(path: path, { try cursor.next() }) {
            try body(R(SQLiteColumns(row: row, table: table, path: path)))
        }
    }

    /// Runs one statement about rows of `table`, prepared once per connection and kept, and
    /// returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: StatementArguments, about table: SQLiteTable) throws -> Int {
        try mappingSQLiteErrors(path: path, table: table) {
            try db.cachedStatement(sql: sql).execute(arguments: arguments)
            return db.changesCount
        }
    }

    /// Inserts `row`, or replaces the row with the same key when `replacing`.
    func insert<R: SQLiteRow>(row: R, replacing: Bool = false) throws {
        let values = row.values
        let columns = values.keys.sorted()
        let verb = replacing ? "INSERT OR REPLACE" : "INSERT"
        try execute(
            "\(verb) INTO \(R.table.name) (\(columns.joined(separator: ", "))) "
                + "VALUES (\(columns.map { ":\($0)" }.joined(separator: ", ")))",
            StatementArguments(values), about: R.table)
    }

    /// Replaces the stored row with the same key as `row`; throws `notFound` if there is none.
    func update<R: SQLiteRow>(row: R) throws {
        let table = R.table
        let assignments = row.values.keys.filter { !table.key.contains($0) }.sorted().map { "\($0) = :\($0)" }
        let changed = try execute(
            "UPDATE \(table.name) SET \(assignments.joined(separator: ", ")) WHERE \(Self.matching(table.key))",
            StatementArguments(row.values), about: table)
        if changed == 0 { throw VaultStoreError.notFound(what: table.noun) }
    }

    /// Deletes the rows of `table` matching `condition`.
    func delete(from table: SQLiteTable, where condition: String, _ arguments: StatementArguments) throws {
        try execute("DELETE FROM \(table.name) WHERE \(condition)", arguments, about: table)
    }

    /// An SQL condition equating each column to the named argument of the same name.
    static func matching(_ columns: [String]) -> String {
        columns.map { "\($0) = :\($0)" }.joined(separator: " AND ")
    }
}
