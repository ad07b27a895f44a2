import Foundation
import GRDB
import PostgresNIO
import Testing
import VaultStore
import VaultStorePostgres

/// A storage backend the store tests run on. PostgreSQL is there when the test server's URL is
/// given in `CPSVAULT_TEST_POSTGRES_URL` (Scripts/test starts the server and sets it; see
/// `PostgresServerTests`).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    /// The test server's database, from the environment.
    static let postgresURL = ProcessInfo.processInfo.environment["CPSVAULT_TEST_POSTGRES_URL"]

    /// The backends to run on here.
    static var all: [Backend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// A new, empty vault store of this backend.
    func fresh() throws -> FreshStore {
        switch self {
        case .sqlite: try SQLiteFresh()
        case .postgres: try PostgresFresh()
        }
    }

    /// `sql` with the backend's spelling of a one-byte blob 00 (`BYTE00`), of 32 zero bytes
    /// (`ZERO32`) and of other bytes as long as a column's (`OTHER(column)`).
    func sql(_ template: String) -> String {
        let other = /OTHER\((\w+)\)/
        switch self {
        case .sqlite:
            return template.replacingOccurrences(of: "BYTE00", with: "x'00'")
                .replacingOccurrences(of: "ZERO32", with: "zeroblob(32)")
                .replacing(other) { "randomblob(length(\($0.1)))" }
        case .postgres:
            return template.replacingOccurrences(of: "BYTE00", with: "'\\x00'::bytea")
                .replacingOccurrences(of: "ZERO32", with: "decode(repeat('00', 32), 'hex')")
                .replacing(other) { "decode(repeat('a5', octet_length(\($0.1))), 'hex')" }
        }
    }
}

/// A fresh vault store for one test, removed when the test drops it.
protocol FreshStore: AnyObject {
    var store: any VaultStore { get }
    /// Opens the same vault again, as another process would.
    func reopen() throws -> any VaultStore
    /// Runs `sql` on the vault's tables directly, bypassing the store; throws when refused.
    func executeRaw(_ sql: String) throws
    /// Whether `error` from `executeRaw` is a refusal by an append-only or chain rule.
    func isRuleRefusal(_ error: any Error) -> Bool
}

/// A vault in a temporary folder.
final class SQLiteFresh: FreshStore {
    private let folder: TemporaryFolder
    let store: any VaultStore

    init() throws {
        folder = try TemporaryFolder()
        store = try folder.store()
    }

    func reopen() throws -> any VaultStore { try SQLiteVaultStore.openExisting(path: folder.database) }

    func executeRaw(_ sql: String) throws {
        try DatabaseQueue(path: folder.database).write { try $0.execute(sql: sql) }
    }

    func isRuleRefusal(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER
    }
}

/// A vault in a schema of its own on the test server, dropped at the end.
final class PostgresFresh: FreshStore {
    let location: PostgresLocation
    let store: any VaultStore

    init() throws {
        let url = try #require(Backend.postgresURL, "CPSVAULT_TEST_POSTGRES_URL names the test server")
        location = try PostgresLocation(url: url).with(schema: "test_" + UUID().uuidString.lowercased()
            .replacingOccurrences(of: "-", with: ""))
        store = try PostgresVaultStore(location: location)
    }

    deinit {
        try? PostgresRaw.execute("DROP SCHEMA \(location.schema) CASCADE", at: location)
    }

    func reopen() throws -> any VaultStore { try PostgresVaultStore.openExisting(location: location) }

    /// Runs `body` with an empty schema named after this one with `suffix`, dropped afterwards.
    func withSiblingSchema(_ suffix: String, _ body: (PostgresLocation) throws -> Void) throws {
        let sibling = location.with(schema: location.schema + suffix)
        try PostgresRaw.execute("CREATE SCHEMA \(sibling.schema)", at: sibling)
        defer { try? PostgresRaw.execute("DROP SCHEMA \(sibling.schema) CASCADE", at: sibling) }
        try body(sibling)
    }

    func executeRaw(_ sql: String) throws { try PostgresRaw.execute(sql, at: location) }

    func isRuleRefusal(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "P0001"
    }
}

/// Statements run on the test server as they are written, outside any vault transaction.
enum PostgresRaw {
    /// Runs `sql` (one statement) with the vault's schema first in the search path.
    static func execute(_ sql: String, at location: PostgresLocation) throws {
        let connections = try PostgresConnections(location: location)
        _ = try connections.withConnection { try connections.run(PostgresQuery(unsafeSQL: sql), on: $0.connection) }
    }
}
