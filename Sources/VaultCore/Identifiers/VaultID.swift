/// A vault's id: 16 random bytes drawn at `cpsvault init`, bound into every key and record
/// context of the vault.
public typealias VaultID = OpaqueIdentifier<VaultTag>

/// The tag of `VaultID`.
public enum VaultTag: IdentifierTag {
    public static let kind = IdentifierKind.vault
}
