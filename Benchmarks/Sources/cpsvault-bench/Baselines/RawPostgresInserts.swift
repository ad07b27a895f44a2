import Foundation
import VaultFixtures
import VaultStorePostgres

/// The baseline of the PostgreSQL ingest figure: one table of (id, header, ciphertext) in a
/// schema of its own on the same server, and plain INSERTs, one row per transaction, through
/// the store's own connection code (same driver, same round trips). No vault, no keys, no audit.
struct RawPostgresInserts {
    /// One client's connections each, connected before any timing, as the product's sessions are.
    private let clients: [RawPostgresConnections]

    /// Creates the table in `location`'s schema and connects `clients` clients.
    init(location: PostgresLocation, clients count: Int) throws {
        clients = try (0..<count).map { _ in try RawPostgresConnections(location: location) }
        try clients[0].run("CREATE SCHEMA \(location.schema)")
        try clients[0].run("CREATE TABLE record (id bytea PRIMARY KEY, header bytea NOT NULL, ciphertext bytea NOT NULL)")
        for client in clients {
            try client.run("SELECT 1")
        }
    }

    /// The clients at once, each on its own connection, insert `count` rows in all of
    /// `ciphertextSize` bytes, each row its own transaction on a connection checked out for it,
    /// as each of the product's transactions is.
    func insert(count: Int, ciphertextSize: Int) throws {
        let clients = clients
        try ConcurrentClients.run(clients.count) { client in
            let connections = clients[client]
            var ciphertext = (0..<ciphertextSize).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let header = [UInt8](repeating: 0x45, count: 45)
            var generator = SystemRandomNumberGenerator()
            for row in stride(from: client, to: count, by: clients.count) {
                ciphertext[0] = UInt8(truncatingIfNeeded: row)
                let id = withUnsafeBytes(of: (generator.next(), generator.next())) { Array($0) }
                try connections.run("INSERT INTO record (id, header, ciphertext) VALUES (?, ?, ?)", bytes: [id, header, ciphertext])
            }
        }
    }
}
