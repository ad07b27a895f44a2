import Foundation
import VaultCrypto
import VaultStore

extension VaultSession {
    /// Settles the escrow deposits professionals made since the last administrator session
    /// (docs/KEYS.md): the vault key is opened with this administrator's card, then every
    /// deposit is rewrapped under it. Administrators only; returns how many were settled.
    @discardableResult
    public func settleEscrow() throws -> Int {
        try requireAdministrator(for: "escrow.settle")
        var settled = 0
        for version in try vault.store.read({ try $0.vaultKeyVersions() }) where version.retiredAt == nil {
            // An administrator the vault key was never sealed to has nothing to settle with.
            let holds = try vault.store.read { try $0.sealedVaultKeys(version: version.version) }
                .contains { $0.holderKind == .adminCard && $0.holderFingerprint == fingerprint }
            guard holds else { continue }
            let pending = try vault.store.read { try $0.escrowKeys(vaultKeyVersion: version.version, limit: Int.max) }
                .contains(where: Escrow.isDeposit)
            guard pending else { continue }
            settled += try Escrow.settle(version: version, vaultKey: openVaultKey(version: version.version),
                                         vaultID: vault.vaultID, store: vault.store)
        }
        if settled > 0 {
            try vault.audit(event("escrow.settle", outcome: .granted, reason: "\(settled) patient keys"))
        }
        return settled
    }

    /// The vault key of `version`, opened with this administrator's card.
    func openVaultKey(version: Int) throws -> SecretBytes {
        let sealed = try vault.store.read { try $0.sealedVaultKeys(version: version) }
            .first { $0.holderKind == .adminCard && $0.holderFingerprint == fingerprint }
        guard let sealed else { throw VaultError.keyDoesNotOpen("vault key (not sealed to this card)") }
        return try SealedKey(encoded: sealed.sealedKey, purpose: "vault key")
            .open(purpose: "vault key", context: KeyContext.vaultKey(vaultID: vault.vaultID, version: version, holder: fingerprint),
                  decipher: card.driver.decipherWithAuthenticationKey)
    }
}
