import PostgresNIO
import VaultStore

/// A vault transaction on one PostgreSQL connection: the `VaultReading`/`VaultWriting` handed to
/// a `PostgresVaultStore` body, valid only while that body runs. The queries and changes
/// themselves are `StoredTransaction`'s, shared with SQLite.
///
/// Statements whose answer nothing needs (BEGIN, inserts) are sent without waiting: the next
/// statement that returns something, or the COMMIT, waits for them all in order and throws the
/// first one's failure, so an insert's error is reported by a later call of the same
/// transaction, never lost, and nothing commits after it.
final class PostgresTransaction: StoredTransaction {
    let connections: PostgresConnections
    let connection: PostgresConnection
    /// Set when a statement failed with a serialization failure or deadlock: the transaction
    /// is then lost, whatever the body did with the error, and the store runs it again.
    private(set) var conflicted = false
    /// Statements sent and not waited for yet, oldest first.
    private var unanswered: [EventLoopFuture<PostgresQueryResult>] = []
    /// How many statements may wait unanswered; beyond, the oldest is waited for, so that a
    /// long record's segments are not all held in memory at once.
    private static let unansweredLimit = 8

    init(connections: PostgresConnections, connection: PostgresConnection) {
        self.connections = connections
        self.connection = connection
    }

    var insertionOrder: String { "row_order" }
    var lockingWithoutWaiting: String { "FOR UPDATE SKIP LOCKED" }
    /// Writers run at once: audit entries are integrated in batches, by whoever takes the tree.
    var integratesAuditOnAppend: Bool { false }
    var location: String { connections.location.description }

    func deferReferenceChecks() throws {
        try send("SET CONSTRAINTS ALL DEFERRED", [])
    }

    func forEachRow<R: StoredRow>(
        _ type: R.Type, where condition: String, _ arguments: [StoredValue], orderBy order: String,
        limit: Int?, _ body: (R) throws -> Void
    ) throws {
        let table = R.table.name
        let sql = "SELECT * FROM \(table) WHERE \(condition) ORDER BY \(order)"
        guard table == RecordSegment.table.name else {
            let limited = limit.map { sql + " LIMIT \($0)" } ?? sql
            for row in try run(limited, arguments).rows {
                try body(R(Self.columns(of: row, table: table, location: location)))
            }
            return
        }
        // Segments are fetched one per statement, after the last index seen, so that memory
        // does not grow with the record's size.
        var after: Int64 = -1, delivered = 0
        while limit.map({ delivered < $0 }) ?? true,
              let row = try run("SELECT * FROM \(table) WHERE (\(condition)) AND idx > ? ORDER BY idx LIMIT 1",
                                arguments + [.integer(after)]).rows.first {
            let columns = Self.columns(of: row, table: table, location: location)
            after = try columns.int64("idx")
            try body(R(columns))
            delivered += 1
        }
    }

    func fetch(_ sql: String, _ arguments: [StoredValue], table: String) throws -> [StoredColumns] {
        try run(sql, arguments).rows.map { Self.columns(of: $0, table: table, location: location) }
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: [StoredValue], about table: StoredTable) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func insert<R: StoredRow>(row: R, replacing: Bool) throws {
        let values = row.values
        let columns = values.keys.sorted()
        var sql = "INSERT INTO \(R.table.name) (\(columns.joined(separator: ", "))) "
            + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        if replacing {
            let assigned = columns.filter { !R.table.key.contains($0) }
            sql += " ON CONFLICT (\(R.table.key.joined(separator: ", "))) DO UPDATE SET "
                + assigned.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        }
        try send(sql, columns.map { values[$0].flatMap { $0 }.storedValue })
    }

    /// Runs one statement, `?` marking the arguments in order, and maps its failure; statements
    /// sent before it are waited for in the same wait, and the first failure among them is thrown.
    @discardableResult
    func run(_ sql: String, _ arguments: [StoredValue]) throws -> PostgresQueryResult {
        try run(Self.query(sql, arguments))
    }

    /// `run(_:_:)` for a query already bound.
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try settle(then: connections.send(query, on: connection))
    }

    /// Runs `sql` as a statement prepared on this connection (`PostgresConnections.prepared`),
    /// with `binds` for its `$1`, `$2`, …, in the same wait as the statements sent before it.
    func runPrepared(_ sql: String, _ binds: [PostgresData]) throws -> [PostgresRow] {
        let statement: PreparedQuery
        do {
            statement = try connections.prepared(sql, on: connection)
        } catch {
            throw PostgresErrors.map(error, location: location)
        }
        return try settle(then: connections.send(statement, binds))
    }

    /// Sends one statement whose answer nothing needs, without waiting for it.
    func send(_ sql: String, _ arguments: [StoredValue]) throws {
        unanswered.append(connections.send(Self.query(sql, arguments), on: connection))
        if unanswered.count > Self.unansweredLimit {
            let oldest = unanswered.removeFirst()
            connections.waitForAnswers(through: oldest)
            try answer(oldest)
        }
    }

    /// Ends a read-only transaction with COMMIT, without waiting for the server: its queries
    /// were answered already, and such a transaction has nothing whose commit could fail. The
    /// connection sends its next transaction's statements only once the COMMIT is answered
    /// (postgres-nio keeps a connection's statements in order), and a connection lost meanwhile
    /// fails those statements, so nothing that goes wrong here goes unnoticed or is read in the
    /// wrong snapshot.
    func endReading() {
        _ = connections.send(PostgresQuery(unsafeSQL: "COMMIT"), on: connection)
        unanswered = []
    }

    /// Ends the transaction with ROLLBACK, once every statement sent has been answered, whatever
    /// their outcome (the failure being rolled back was reported already).
    func rollBack() throws {
        let rolledBack = connections.send(PostgresQuery(unsafeSQL: "ROLLBACK"), on: connection)
        let sent = unanswered
        unanswered = []
        connections.waitForAnswers(through: rolledBack)
        for statement in sent { _ = try? answer(statement) }
        try answer(rolledBack)
    }

    /// The answer to `last`, sent after every statement not waited for yet: one wait, since a
    /// connection answers in order. Throws the first failure among them all, once all are
    /// answered, so that the connection is left with none outstanding.
    private func settle<Answer: Sendable>(then last: EventLoopFuture<Answer>) throws -> Answer {
        let sent = unanswered
        unanswered = []
        connections.waitForAnswers(through: last)
        var failure: (any Error)?
        for statement in sent {
            do {
                try answer(statement)
            } catch {
                failure = failure ?? error
            }
        }
        let result = Result { try answer(last) }
        if let failure { throw failure }
        return try result.get()
    }

    /// The answer to one statement sent, which has come (`waitForAnswers`), its failure mapped.
    @discardableResult
    private func answer<Answer: Sendable>(_ statement: EventLoopFuture<Answer>) throws -> Answer {
        do {
            return try statement.wait()
        } catch {
            if let state = PostgresErrors.sqlState(of: error), PostgresErrors.retryable.contains(state) {
                conflicted = true
            }
            throw PostgresErrors.map(error, location: location)
        }
    }

    /// The statement with `?` numbered `$1`, `$2`, … and the arguments bound; vault SQL never
    /// has `?` inside a literal.
    static func query(_ sql: String, _ arguments: [StoredValue]) -> PostgresQuery {
        var text = "", number = 0
        for character in sql {
            if character == "?" {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .text(let text): bindings.append(text)
            case .bytes(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    /// A fetched row as stored values: bigint and integer columns as integers, text as text,
    /// bytea as bytes; anything else reads as text so that decoding it reports corruption.
    static func columns(of row: PostgresRow, table: String, location: String) -> StoredColumns {
        StoredColumns(columns: row.map { (name: $0.columnName, value: value(of: $0)) }, table: table, path: location)
    }

    private static func value(of cell: PostgresCell) -> StoredValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8, .int4, .int2:
            return (try? cell.decode(Int64.self)).map(StoredValue.integer) ?? .null
        case .bytea:
            return (try? cell.decode(ByteBuffer.self)).map { .bytes(Array($0.readableBytesView)) } ?? .null
        default:
            return .text((try? cell.decode(String.self)) ?? "")
        }
    }
}
