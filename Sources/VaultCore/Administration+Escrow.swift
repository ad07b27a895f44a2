import Foundation
import VaultCrypto
import VaultStore

extension Administration {
    /// Settles the escrow deposits professionals made since the last administrator session
    /// (docs/KEYS.md): the vault key is opened with this administrator's card, then every
    /// deposit is rewrapped under it. Administrators only (`administerKeys`); returns how many
    /// were settled.
    @discardableResult
    public func settleEscrow() throws -> Int {
        try settleEscrow(try admit(.administerKeys, as: .escrowSettle))
    }

    /// Settles the deposits, as `settleEscrow()` does, once admitted.
    func settleEscrow(_ admission: Admission) throws -> Int {
        let waiting = try vault.store.read { try $0.escrowDepositCounts() }
        var settled = 0
        // An administrator the vault key was never sealed to has nothing to settle with.
        for version in try liveVaultKeyVersions() where try waiting[version.version, default: 0] > 0 && holdsVaultKey(version) {
            settled += try Escrow.settle(under: openVaultKey(version), store: vault.store)
        }
        if settled > 0 {
            try vault.audit(admission.granted("\(settled) patient keys"))
        }
        return settled
    }
}

extension SessionService {
    /// The vault key versions not retired, oldest first.
    package func liveVaultKeyVersions() throws -> [VaultKeyVersion] {
        try vault.store.read { try $0.vaultKeyVersions() }.filter { $0.retiredAt == nil }
    }

    /// Whether `version` is sealed to this session's card.
    func holdsVaultKey(_ version: VaultKeyVersion) throws -> Bool {
        try sealedVaultKey(version) != nil
    }

    private func sealedVaultKey(_ version: VaultKeyVersion) throws -> SealedVaultKey? {
        try vault.store.read { try $0.sealedVaultKeys(version: version.version) }
            .first { $0.holderKind == .adminCard && $0.holderFingerprint == fingerprint }
    }

    /// `version`'s vault key, opened with this administrator's card (one private-key operation
    /// of the card); `VaultError.keyDoesNotOpen` when `version` is not sealed to it. Callers
    /// reach it only past the gate's `administerKeys`.
    package func openVaultKey(_ version: VaultKeyVersion) throws -> OpenedVaultKey {
        guard let sealed = try sealedVaultKey(version) else { throw VaultError.keyDoesNotOpen("vault key v\(version.version) (not sealed to this card)") }
        return OpenedVaultKey(version: version, key: try VaultKeySeal.open(sealed, vaultID: vault.vaultID,
                                                                            decipher: card.driver.decipherWithAuthenticationKey),
                              vaultID: vault.vaultID)
    }
}

