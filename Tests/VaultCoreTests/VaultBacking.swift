import CPSCard
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import VaultCore
import VaultStore
import VaultStorePostgres

/// A backend the vault's domain tests can run on. PostgreSQL is there when the test server's URL
/// is given in `CPSVAULT_TEST_POSTGRES_URL` (Scripts/test starts the server and sets it).
enum VaultBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static let postgresURL = ProcessInfo.processInfo.environment["CPSVAULT_TEST_POSTGRES_URL"]

    /// The backends to run on here.
    static var available: [VaultBackend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }
}

/// Where a test vault is kept, and the hand of someone with write access to it: statements run on
/// its tables directly, with the vault's triggers out of the way while they run.
enum VaultBacking {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    init(_ backend: VaultBackend, in folder: URL) throws {
        switch backend {
        case .sqlite:
            self = .sqlite(path: folder.appendingPathComponent("vault.sqlite").path)
        case .postgres:
            let url = try #require(VaultBackend.postgresURL, "CPSVAULT_TEST_POSTGRES_URL names the test server")
            self = .postgres(try PostgresLocation(url: url).with(schema: "core_" + UUID().uuidString.lowercased()
                .replacingOccurrences(of: "-", with: "")))
        }
    }

    /// A new vault here, with the holder of `card` as its administrator.
    func create(administrator card: AuthenticatedCard, trust: CardTrust) throws -> Vault {
        switch self {
        case .sqlite(let path):
            try Vault.create(at: path, administrator: card, recoveryCertificate: nil, trust: trust)
        case .postgres(let location):
            try Vault.create(in: try PostgresVaultStore(location: location), location: location.description, administrator: card,
                             recoveryCertificate: nil, trust: trust)
        }
    }

    /// The vault here opened again, as another process would.
    func open(trust: CardTrust) throws -> Vault {
        switch self {
        case .sqlite(let path): try Vault.open(at: path, trust: trust)
        case .postgres(let location):
            try Vault.open(store: try PostgresVaultStore.openExisting(location: location), location: location.description, trust: trust)
        }
    }

    /// Runs `statements` in order as the database's owner would, bypassing the vault: for SQLite
    /// with every trigger dropped and put back afterwards, for PostgreSQL with the user triggers
    /// of `tables` disabled and enabled again.
    func tamper(tables: [String], _ statements: [String]) throws {
        switch self {
        case .sqlite(let path):
            try DatabaseQueue(path: path).write { db in
                let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger'")
                for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                    try db.execute(sql: "DROP TRIGGER \(name)")
                }
                for statement in statements { try db.execute(sql: statement) }
                for trigger in triggers { try db.execute(sql: trigger) }
            }
        case .postgres(let location):
            let connections = try PostgresConnections(location: location)
            try connections.withConnection { lease in
                func run(_ sql: String) throws { _ = try connections.run(PostgresQuery(unsafeSQL: sql), on: lease.connection) }
                for table in tables { try run("ALTER TABLE \(table) DISABLE TRIGGER USER") }
                for statement in statements { try run(statement) }
                for table in tables { try run("ALTER TABLE \(table) ENABLE TRIGGER USER") }
            }
        }
    }

    /// Drops a PostgreSQL vault's schema (a SQLite vault goes with its folder).
    func discard() {
        guard case .postgres(let location) = self, let connections = try? PostgresConnections(location: location) else { return }
        _ = try? connections.withConnection {
            try connections.run(PostgresQuery(unsafeSQL: "DROP SCHEMA \(location.schema) CASCADE"), on: $0.connection)
        }
    }
}
