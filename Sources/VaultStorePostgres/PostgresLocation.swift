import Foundation
import VaultStore

/// Where a vault is stored on a PostgreSQL server, from a URL
/// `postgres://USER@HOST[:PORT]/DATABASE[?schema=NAME&sslmode=disable|prefer|require]`.
///
/// The URL never carries a password: one is looked up in the password file (`PostgresPasswordFile`)
/// when the server asks for it. The vault's tables live in `schema` (default `cpsvault`), so
/// several vaults can share a database. `sslmode` defaults to `prefer`: TLS whenever the server
/// offers it.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public let user: String
    public let host: String
    public let port: Int
    public let database: String
    public let schema: String
    public let tlsMode: TLSMode

    /// Whether `text` names a PostgreSQL location rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `url`; throws `VaultStoreError.invalid` naming what is wrong, and refuses a URL
    /// that carries a password.
    public init(url: String) throws(VaultStoreError) {
        guard Self.isURL(url), let components = URLComponents(string: url) else {
            throw .invalid(what: "PostgreSQL URL (expected postgres://USER@HOST:PORT/DATABASE)")
        }
        guard components.password == nil else {
            throw .invalid(what: "PostgreSQL URL (it must not carry a password: put it in ~/.pgpass or the file named by PGPASSFILE)")
        }
        guard let user = components.user, !user.isEmpty, let host = components.host, !host.isEmpty else {
            throw .invalid(what: "PostgreSQL URL (it must name the user and the host: postgres://USER@HOST:PORT/DATABASE)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalid(what: "PostgreSQL URL (it must name one database after the host)")
        }
        var schema = "cpsvault", tlsMode = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("schema", let value?) where Self.isIdentifier(value):
                schema = value
            case ("sslmode", let value?) where TLSMode(rawValue: value) != nil:
                tlsMode = TLSMode(rawValue: value)!
            default:
                throw .invalid(what: "PostgreSQL URL (unknown or malformed parameter \(item.name): use schema=NAME with letters, digits and _, or sslmode=disable|prefer|require)")
            }
        }
        self.init(user: user, host: host, port: components.port ?? 5432, database: database,
                  schema: schema, tlsMode: tlsMode)
    }

    /// A location given part by part; `schema` must be a plain identifier.
    public init(user: String, host: String, port: Int = 5432, database: String, schema: String = "cpsvault",
                tlsMode: TLSMode = .prefer) {
        precondition(Self.isIdentifier(schema), "a schema name is letters, digits and _")
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.schema = schema
        self.tlsMode = tlsMode
    }

    /// The same server and database with the vault in another schema.
    public func with(schema: String) -> PostgresLocation {
        PostgresLocation(user: user, host: host, port: port, database: database, schema: schema, tlsMode: tlsMode)
    }

    /// The URL, without any secret: what error messages name.
    public var description: String {
        let address = host.contains(":") ? "[\(host)]" : host
        var text = "postgres://\(user)@\(address):\(port)/\(database)?schema=\(schema)"
        if tlsMode != .prefer { text += "&sslmode=\(tlsMode.rawValue)" }
        return text
    }

    /// Whether `name` is safe to put in SQL unquoted: a lowercase letter or _ first, then
    /// lowercase letters, digits and _, at most 63 bytes.
    static func isIdentifier(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") }
        guard let first = bytes.first, bytes.count <= 63, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
