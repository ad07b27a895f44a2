import Foundation

/// The vault's identity and settings: one per vault, written when the vault is created.
public struct VaultMetadata: Sendable, Hashable {
    /// The vault's opaque id (16 bytes), bound into every record's authenticated data.
    public var vaultID: [UInt8]
    /// The version of the vault format the domain wrote.
    public var formatVersion: Int
    public var createdAt: Date
    /// Whether admin operations need a second admin card.
    public var twoPersonRule: Bool

    public init(vaultID: [UInt8], formatVersion: Int, createdAt: Date, twoPersonRule: Bool) {
        self.vaultID = vaultID
        self.formatVersion = formatVersion
        self.createdAt = createdAt
        self.twoPersonRule = twoPersonRule
    }
}
