import CPSCard
import Foundation
import VaultCore
import VaultCrypto
import VaultStorePostgres

/// Where a vault is, as `--vault`/`--store`, `$CPSVAULT_VAULT` or the configuration name it:
/// a `postgres://USER@HOST:PORT/DATABASE[?schema=NAME]` URL for a vault on a PostgreSQL server,
/// anything else the path of an SQLite vault file.
enum VaultPlace {
    /// Whether `place` is on a PostgreSQL server.
    static func isServer(_ place: String) -> Bool { PostgresLocation.isURL(place) }

    /// Opens the vault at `place`; one that does not exist yet is refused.
    static func open(_ place: String) throws -> Vault {
        guard isServer(place) else { return try Vault.open(at: place) }
        let location = try PostgresLocation(url: place)
        let store: PostgresVaultStore
        do {
            store = try PostgresVaultStore.openExisting(location: location)
        } catch .notAVault {
            throw VaultError.notInitialized(path: location.description)
        }
        return try Vault.open(store: store, location: location.description)
    }

    /// Creates a vault at `place`, as `Vault.create(at:administrator:recoveryCertificate:)` does.
    static func create(_ place: String, administrator card: AuthenticatedCard,
                       recoveryCertificate: X509Certificate?) throws -> Vault {
        guard isServer(place) else {
            try FileManager.default.createDirectory(atPath: (place as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return try Vault.create(at: place, administrator: card, recoveryCertificate: recoveryCertificate)
        }
        let location = try PostgresLocation(url: place)
        return try Vault.create(in: try PostgresVaultStore(location: location), location: location.description,
                                administrator: card, recoveryCertificate: recoveryCertificate)
    }

    /// The same place written one way, so that two spellings of a file compare equal: a file's
    /// full path with `.` and `..` and links resolved, a server's URL as given.
    static func canonical(_ place: String) -> String {
        isServer(place) ? ((try? PostgresLocation(url: place))?.description ?? place) : URL(fileURLWithPath: place).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
