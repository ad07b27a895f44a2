import Foundation
import VaultFixtures
import VaultStorePostgres

/// The PostgreSQL server of the PostgreSQL figures: the one `CPSVAULT_BENCH_POSTGRES_URL` names,
/// or else a private loopback server of Scripts/postgres that syncs its commits (port 54330,
/// beside the tests' unsynced one), started if it is not running and left running. Every figure
/// works in schemas of its own.
enum BenchPostgres {
    /// The server's database, with a fresh schema named after `purpose`.
    static func location(for purpose: String) throws -> PostgresLocation {
        let url = try ProcessInfo.processInfo.environment["CPSVAULT_BENCH_POSTGRES_URL"] ?? startPrivateServer()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        return try PostgresLocation(url: url).with(schema: "bench_\(purpose)_\(suffix)")
    }

    /// Drops the schema of `location` and all it holds.
    static func drop(_ location: PostgresLocation) {
        try? RawPostgresConnections(location: location).run("DROP SCHEMA IF EXISTS \(location.schema) CASCADE")
    }

    /// `Scripts/postgres start` for a server that syncs its commits, on a port of its own; it
    /// prints the database URL.
    private static func startPrivateServer() throws -> String {
        let url = try PackageScript.run("postgres", ["start"],
                                        environment: ["CPSVAULT_POSTGRES_PORT": "54330", "CPSVAULT_POSTGRES_DURABLE": "1"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard PostgresLocation.isURL(url) else { throw BenchError("Scripts/postgres start printed no database URL") }
        return url
    }
}
