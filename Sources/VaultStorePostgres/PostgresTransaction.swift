import PostgresNIO
import VaultStore

/// A vault transaction on one PostgreSQL connection: the `VaultReading`/`VaultWriting` handed to
/// a `PostgresVaultStore` body, valid only while that body runs. The queries and changes
/// themselves are `StoredTransaction`'s, shared with SQLite.
final class PostgresTransaction: StoredTransaction {
    let connections: PostgresConnections
    let connection: PostgresConnection
    /// Set when a statement failed with a serialization failure or deadlock: the transaction
    /// is then lost, whatever the body did with the error, and the store runs it again.
    private(set) var conflicted = false

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
        try run("SET CONSTRAINTS ALL DEFERRED", [])
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
        try execute(sql, columns.map { values[$0].flatMap { $0 }.storedValue }, about: R.table)
    }

    /// Runs one statement, `?` marking the arguments in order, and maps its failure.
    @discardableResult
    func run(_ sql: String, _ arguments: [StoredValue]) throws -> PostgresQueryResult {
        do {
            return try connections.run(Self.query(sql, arguments), on: connection)
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
        var values: [String: StoredValue] = [:]
        for cell in row {
            values[cell.columnName] = value(of: cell)
        }
        return StoredColumns(values: values, table: table, path: location)
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
