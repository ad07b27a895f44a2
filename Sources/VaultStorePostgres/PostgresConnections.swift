import Foundation
import Logging
import PostgresNIO
import VaultStore

/// The open connections of one store to its server, reused from one transaction to the next.
///
/// This is where the synchronous `VaultStore` meets postgres-nio: connections run on
/// postgres-nio's shared event loop group and every call here blocks the calling thread with
/// `EventLoopFuture.wait()` until the server has answered. So a store must never be used from
/// an event-loop thread (NIO traps when that happens); any other thread, Swift concurrency's
/// included, may block here as it would on an SQLite file. A transaction holds one connection
/// to itself from start to end, so concurrent transactions use separate connections; at most
/// `idleLimit` idle connections are kept.
package final class PostgresConnections: @unchecked Sendable {
    package let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let logger = Logger(label: "cpsvault.postgres")
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var idle: [PostgresConnection] = []
    /// Guarded by `lock`.
    private var opened = 0
    /// Guarded by `lock`.
    private var counted = PostgresTraffic()
    /// Guarded by `lock`.
    private var schemaByteColumns: Set<String> = []
    /// The statements prepared on each open connection, by their text. Guarded by `lock`.
    private var preparedStatements: [ObjectIdentifier: [String: PreparedQuery]] = [:]
    private let idleLimit = 4

    /// Prepares connections to `location`, reading the password file now; no connection is made yet.
    package init(location: PostgresLocation) throws(VaultStoreError) {
        self.location = location
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch location.tlsMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw .cannotOpen(path: location.description, detail: "TLS cannot be set up: \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user,
            password: try PostgresPasswordFile.password(for: location), database: location.database, tls: tls)
        configuration.options.additionalStartupParameters = [("search_path", location.schema)]
        self.configuration = configuration
    }

    deinit {
        idle.forEach(Self.close)
    }

    /// A connection lent to one piece of work, which marks it broken when it may be left in a
    /// state the next work must not inherit (a transaction that could not be rolled back).
    package final class Lease {
        package let connection: PostgresConnection
        package var isBroken = false

        init(_ connection: PostgresConnection) { self.connection = connection }
    }

    /// Runs `body` with a connection of its own, then keeps the connection for later unless it
    /// closed or `body` marked it broken (it is then closed).
    package func withConnection<T>(_ body: (Lease) throws -> T) throws -> T {
        let lease = Lease(try checkOut())
        defer {
            if lease.connection.isClosed {
                drop(lease.connection)
            } else if lease.isBroken {
                drop(lease.connection)
                Self.close(lease.connection)
            } else {
                checkIn(lease.connection)
            }
        }
        return try body(lease)
    }

    /// The bytea columns of the vault's tables, as "table.column": what tells a bytea's
    /// hexadecimal text from a text column in a row read as JSON. Set by the store once it has
    /// migrated the schema.
    package var byteColumns: Set<String> {
        get { lock.withLock { schemaByteColumns } }
        set { lock.withLock { schemaByteColumns = newValue } }
    }

    /// What this store's connections have asked of the server so far.
    package var traffic: PostgresTraffic { lock.withLock { counted } }

    /// Runs one statement and returns all its rows, blocking until the server answers.
    package func run(_ query: PostgresQuery, on connection: PostgresConnection) throws -> PostgresQueryResult {
        let answer = send(query, on: connection)
        waitForAnswers(through: answer)
        return try answer.wait()
    }

    /// Sends one statement without waiting for its answer. postgres-nio queues the statements
    /// of a connection and sends each as soon as the server is ready for it, on its event loop,
    /// so statements sent one after the other cost the caller one wait, not one each.
    package func send(_ query: PostgresQuery, on connection: PostgresConnection) -> EventLoopFuture<PostgresQueryResult> {
        lock.withLock { counted.statements += 1 }
        return connection.query(query, logger: logger)
    }

    /// Blocks until the server has answered the statement `answer` stands for, and so every
    /// statement sent before it on the same connection (a connection answers in order): one
    /// wait of the caller for the server. The answers themselves are then read from their futures.
    package func waitForAnswers<Answer: Sendable>(through answer: EventLoopFuture<Answer>) {
        lock.withLock { counted.waits += 1 }
        _ = try? answer.wait()
    }

    /// Sends a run of a statement prepared on its connection (`prepared(_:on:)`) without waiting
    /// for the answer, as `send(_:on:)` does.
    package func send(_ statement: PreparedQuery, _ binds: [PostgresData]) -> EventLoopFuture<[PostgresRow]> {
        lock.withLock { counted.statements += 1 }
        return statement.execute(binds)
    }

    /// `sql` prepared on `connection`: parsed once per connection, and planned once the server
    /// finds its generic plan as good as a fresh one, for a query too long to parse and plan at
    /// every run. Prepared at its first use on the connection, which waits for the server then.
    package func prepared(_ sql: String, on connection: PostgresConnection) throws -> PreparedQuery {
        let id = ObjectIdentifier(connection)
        if let statement = lock.withLock({ preparedStatements[id]?[sql] }) { return statement }
        let preparing = connection.prepare(query: sql)
        lock.withLock { counted.statements += 1 }
        waitForAnswers(through: preparing)
        let statement = try preparing.wait()
        lock.withLock { preparedStatements[id, default: [:]][sql] = statement }
        return statement
    }

    /// Runs one statement written with `?` for its arguments, as the vault's queries are.
    @discardableResult
    package func run(_ sql: String, _ arguments: [StoredValue], on connection: PostgresConnection) throws -> PostgresQueryResult {
        try run(PostgresTransaction.query(sql, arguments), on: connection)
    }

    private func checkOut() throws -> PostgresConnection {
        let reused: PostgresConnection? = lock.withLock {
            while let connection = idle.popLast() {
                if !connection.isClosed { return connection }
                opened -= 1
                preparedStatements[ObjectIdentifier(connection)] = nil
            }
            opened += 1
            return nil
        }
        if let reused { return reused }
        do {
            let id = lock.withLock { opened }
            return try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: id,
                logger: logger
            ).wait()
        } catch {
            drop()
            throw PostgresErrors.map(error, location: location.description)
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        let kept = lock.withLock {
            guard idle.count < idleLimit else {
                opened -= 1
                preparedStatements[ObjectIdentifier(connection)] = nil
                return false
            }
            idle.append(connection)
            return true
        }
        if !kept { Self.close(connection) }
    }

    /// Closes `connection` without waiting, keeping it alive until it is closed (postgres-nio
    /// requires a connection to be closed before it goes away).
    private static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func drop() {
        lock.withLock { opened -= 1 }
    }

    /// `drop()` for a connection that was open, with what was prepared on it.
    private func drop(_ connection: PostgresConnection) {
        lock.withLock {
            opened -= 1
            preparedStatements[ObjectIdentifier(connection)] = nil
        }
    }
}
