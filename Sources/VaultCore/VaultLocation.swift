import CPSCard
import Foundation
import VaultCrypto
import VaultStore
import VaultStorePostgres

/// Where a vault is: an SQLite file on this machine, or a schema on a PostgreSQL server shared by
/// several workstations, named by a `postgres://USER@HOST[:PORT]/DATABASE[?schema=NAME]` URL. The
/// one way a vault is opened or created, whatever its backend.
public enum VaultLocation: Sendable, Hashable, CustomStringConvertible {
    case file(path: String)
    case server(PostgresLocation)

    /// Reads a location as the command line and the configuration give it: a PostgreSQL URL, or
    /// else a file path. A malformed URL is refused, naming what is wrong.
    public init(_ text: String) throws {
        if PostgresLocation.isURL(text) {
            self = .server(try PostgresLocation(url: text))
        } else {
            self = .file(path: text)
        }
    }

    /// The location written one way, so that two spellings of a place compare equal: a file's
    /// full path with `.` and `..` and links resolved, a server's URL without secrets.
    public var description: String {
        switch self {
        case .file(let path): URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        case .server(let location): location.description
        }
    }

    /// Opens the vault here; one that does not exist yet is refused (`notInitialized`).
    public func open(trust: CardTrust) throws -> Vault {
        switch self {
        case .file(let path):
            return try Vault.open(at: path, trust: trust)
        case .server(let location):
            let store: PostgresVaultStore
            do {
                store = try PostgresVaultStore.openExisting(location: location)
            } catch .notAVault {
                throw VaultError.notInitialized(path: location.description)
            }
            return try Vault.open(store: store, location: location.description, trust: trust)
        }
    }

    /// Refuses a file place where `create` would fail for what is there or for an unsafe folder,
    /// so that a command can say so before a card is used; a server is checked by `create`.
    public func checkCreatable() throws {
        if case .file(let path) = self { try Vault.checkCreatable(at: path) }
    }

    /// Creates a vault here with the authenticated card's holder as its first administrator
    /// (`Vault.create`); a file's folder is made owner-only if it does not exist.
    public func create(administrator card: AuthenticatedCard, recoveryCertificate: X509Certificate?,
                       trust: CardTrust) throws -> Vault {
        switch self {
        case .file(let path):
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return try Vault.create(at: path, administrator: card, recoveryCertificate: recoveryCertificate, trust: trust)
        case .server(let location):
            return try Vault.create(in: try PostgresVaultStore(location: location), location: location.description,
                                    administrator: card, recoveryCertificate: recoveryCertificate, trust: trust)
        }
    }
}
