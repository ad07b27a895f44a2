import Foundation

/// One version of the vault key-encryption key (KEK); old and new versions coexist during a
/// rotation until the old one is retired.
public struct VaultKeyVersion: Sendable, Hashable {
    public var version: Int
    public var createdAt: Date
    /// When the version stopped wrapping escrow copies, or nil while it is in use.
    public var retiredAt: Date?

    public init(version: Int, createdAt: Date, retiredAt: Date? = nil) {
        self.version = version
        self.createdAt = createdAt
        self.retiredAt = retiredAt
    }
}
