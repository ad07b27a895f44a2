import VaultCrypto
import VaultStore

/// Sealing a vault key version to its holders (administrator cards, the offline recovery
/// certificate) and opening it again: the one place the "vault key" purpose and context are
/// spelt, for creation, rotation, enrolment, recovery and every administrator command.
enum VaultKeySeal {
    static let purpose = "vault key"

    /// `vaultKey` (version `version`) sealed to `certificate`, held as `kind`.
    static func seal(_ vaultKey: SecretBytes, version: Int, to certificate: X509Certificate,
                     as kind: SealedVaultKey.HolderKind, vaultID: [UInt8]) throws -> SealedVaultKey {
        let holder = certificate.sha256Fingerprint
        let sealed = try SealedKey(sealing: vaultKey, to: certificate, purpose: purpose,
                                   context: KeyContext.vaultKey(vaultID: vaultID, version: version, holder: holder))
        return SealedVaultKey(version: version, holderFingerprint: holder, holderKind: kind, sealedKey: sealed.encoded)
    }

    /// Each of `keys` sealed to `certificate`, held as `kind`.
    static func seal(_ keys: [OpenedVaultKey], to certificate: X509Certificate,
                     as kind: SealedVaultKey.HolderKind) throws -> [SealedVaultKey] {
        try keys.map { try seal($0.key, version: $0.version.version, to: certificate, as: kind, vaultID: $0.vaultID) }
    }

    /// Opens `sealed` with the holder's private-key operation (a card's PSO DECIPHER, a recovery
    /// key file).
    static func open(_ sealed: SealedVaultKey, vaultID: [UInt8],
                     decipher: ([UInt8]) throws -> SecretBytes) throws -> SecretBytes {
        try SealedKey(encoded: sealed.sealedKey, purpose: purpose)
            .open(purpose: purpose, context: KeyContext.vaultKey(vaultID: vaultID, version: sealed.version,
                                                                 holder: sealed.holderFingerprint),
                  decipher: decipher)
    }
}
