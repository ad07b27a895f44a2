import VaultStore
import VaultStorePostgres

/// Statements run straight on a PostgreSQL server through the store's own connection code (the
/// same driver, connection settings, password file and round trips as a vault's): for the
/// baselines measured beside a vault, and for dropping the schemas they and their vaults used.
/// Nothing here is checked, bound or audited: it is not a store.
public final class RawPostgresConnections: Sendable {
    private let connections: PostgresConnections

    /// Connections to `location`, with its schema first on the search path; the password file is
    /// read now and no connection is opened yet.
    public init(location: PostgresLocation) throws {
        connections = try PostgresConnections(location: location)
    }

    /// Runs one statement, written with `?` for its arguments (each a bytea), on a connection
    /// checked out for it and kept for the next (as each of a vault's transactions does), and
    /// blocks until the server has answered. Never call it from an event-loop thread.
    public func run(_ sql: String, bytes arguments: [[UInt8]] = []) throws {
        try connections.withConnection { lease in
            _ = try connections.run(sql, arguments.map(StoredValue.bytes), on: lease.connection)
        }
    }
}
