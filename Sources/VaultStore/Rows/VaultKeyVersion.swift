import Foundation

/// One version of the vault key-encryption key (KEK); old and new versions coexist during a
/// rotation until the old one is retired.
public struct VaultKeyVersion: Sendable, Hashable {
    public var version: Int
    public var createdAt: Date
    /// When the version stopped wrapping escrow copies, or nil while it is in use.
    public var retiredAt: Date?
    /// The public half of this version's escrow deposit key (SubjectPublicKeyInfo): professionals
    /// seal new patient keys to it, since they must not hold the vault key itself (docs/KEYS.md).
    public var depositPublicKey: [UInt8]?
    /// The private half, wrapped under this vault key version.
    public var wrappedDepositPrivateKey: [UInt8]?
    /// The vault's blind-index key wrapped under this version, so that a recovery, which opens
    /// no professional's wallet, can hand it to a new administrator (docs/KEYS.md).
    public var wrappedIndexKey: [UInt8]?

    public init(version: Int, createdAt: Date, retiredAt: Date? = nil,
                depositPublicKey: [UInt8]? = nil, wrappedDepositPrivateKey: [UInt8]? = nil, wrappedIndexKey: [UInt8]? = nil) {
        self.version = version
        self.createdAt = createdAt
        self.retiredAt = retiredAt
        self.depositPublicKey = depositPublicKey
        self.wrappedDepositPrivateKey = wrappedDepositPrivateKey
        self.wrappedIndexKey = wrappedIndexKey
    }
}
