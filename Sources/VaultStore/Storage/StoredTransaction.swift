/// What a backend provides so that the vault's queries and changes, written once in the
/// extensions of this protocol, run on it: fetching and changing rows with SQL common to SQLite
/// and PostgreSQL, `?` marking each positional argument.
///
/// Conditions and orders name the columns of `StoredRow` tables; `insertionOrder` is the column
/// that orders a table's rows as they were inserted.
package protocol StoredTransaction: VaultWriting {
    /// The column ordering rows by insertion ("rowid" in SQLite).
    var insertionOrder: String { get }
    /// Where the vault is stored, for error messages.
    var location: String { get }
    /// What ends a SELECT of one row to lock it for this transaction without waiting: no row
    /// is returned when another transaction holds it ("FOR UPDATE SKIP LOCKED" on PostgreSQL;
    /// nothing on SQLite, whose writer holds the whole file).
    var lockingWithoutWaiting: String { get }

    /// Calls `body` with each row of `R` matching `condition`, in `order`, at most `limit`
    /// (nil for all), decoding one at a time.
    func forEachRow<R: StoredRow>(
        _ type: R.Type, where condition: String, _ arguments: [StoredValue], orderBy order: String,
        limit: Int?, _ body: (R) throws -> Void) throws

    /// The rows of an arbitrary query, for aggregates; `table` names them in errors.
    func fetch(_ sql: String, _ arguments: [StoredValue], table: String) throws -> [StoredColumns]

    /// Runs a statement about rows of `table` and returns how many rows it changed; constraint
    /// failures become the errors `VaultWriting` describes.
    @discardableResult
    func execute(_ sql: String, _ arguments: [StoredValue], about table: StoredTable) throws -> Int

    /// Inserts `row`, or replaces the row with the same key when `replacing`.
    func insert<R: StoredRow>(row: R, replacing: Bool) throws
}

extension StoredTransaction {
    /// Every row of `R` matching `condition`, in `order` (insertion order by default).
    func rows<R: StoredRow>(
        _ type: R.Type, where condition: String = "1 = 1", _ arguments: [StoredValue] = [],
        orderBy order: String? = nil, limit: Int? = nil
    ) throws -> [R] {
        var result: [R] = []
        try forEachRow(type, where: condition, arguments, orderBy: order ?? insertionOrder, limit: limit) {
            result.append($0)
        }
        return result
    }

    /// The first row of `R` matching `condition`, or nil.
    func row<R: StoredRow>(_ type: R.Type, where condition: String, _ arguments: [StoredValue]) throws -> R? {
        try rows(type, where: condition, arguments, limit: 1).first
    }

    /// Inserts a new `row`.
    func insert<R: StoredRow>(row: R) throws {
        try insert(row: row, replacing: false)
    }

    /// Replaces the stored row with the same key as `row`; throws `notFound` if there is none.
    func update<R: StoredRow>(row: R) throws {
        let table = R.table
        let values = row.values
        let assigned = values.keys.filter { !table.key.contains($0) }.sorted()
        let changed = try execute(
            "UPDATE \(table.name) SET \(assigned.map { "\($0) = ?" }.joined(separator: ", ")) "
                + "WHERE \(table.key.map { "\($0) = ?" }.joined(separator: " AND "))",
            (assigned + table.key).map { values[$0].flatMap { $0 }.storedValue }, about: table)
        if changed == 0 { throw VaultStoreError.notFound(what: table.noun) }
    }

    /// Deletes the rows of `table` matching `condition`.
    func delete(from table: StoredTable, where condition: String, _ arguments: [StoredValue]) throws {
        try execute("DELETE FROM \(table.name) WHERE \(condition)", arguments, about: table)
    }
}
