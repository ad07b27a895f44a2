/// One version of the vault key sealed to one holder (an admin card or the offline recovery
/// certificate); unique per (version, holder fingerprint).
public struct SealedVaultKey: Sendable, Hashable {
    /// What kind of holder can unseal a vault key.
    public enum HolderKind: String, Sendable, Hashable, CaseIterable {
        case adminCard
        case recoveryCertificate
    }

    public var version: Int
    /// SHA-256 of the holder's certificate (32 bytes).
    public var holderFingerprint: [UInt8]
    public var holderKind: HolderKind
    public var sealedKey: [UInt8]

    public init(version: Int, holderFingerprint: [UInt8], holderKind: HolderKind, sealedKey: [UInt8]) {
        self.version = version
        self.holderFingerprint = holderFingerprint
        self.holderKind = holderKind
        self.sealedKey = sealedKey
    }
}
