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
                drop()
            } else if lease.isBroken {
                drop()
                Self.close(lease.connection)
            } else {
                checkIn(lease.connection)
            }
        }
        return try body(lease)
    }

    /// Runs one statement and returns all its rows, blocking until the server answers.
    package func run(_ query: PostgresQuery, on connection: PostgresConnection) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
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
            guard idle.count < idleLimit else { opened -= 1; return false }
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
}
