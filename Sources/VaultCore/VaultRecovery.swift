import CPSCard
import Foundation
import VaultCrypto
import VaultStore

extension Vault {
    /// Recovers the vault when every administrator card is lost: the offline recovery key opens
    /// each live vault key version through the copy sealed to the recovery certificate, and the
    /// holders of `cards` become administrators holding them (a fresh wallet with the escrowed
    /// blind-index key for a card not enrolled yet). Under the two-person rule it takes two
    /// different cards. Audited; returns the national ids made administrators.
    @discardableResult
    public func recover(with recoveryKey: RSAPrivateKey, administrators cards: [AuthenticatedCard]) throws -> [String] {
        let fingerprints = Set(cards.map(\.certificates.authentication.sha256Fingerprint))
        let (recovery, live) = try store.read { reader in
            (try reader.recoveryCertificate(), try reader.vaultKeyVersions().filter { $0.retiredAt == nil })
        }
        let actor = cards.first
        let refuse = { (error: VaultError, reason: String) throws -> Never in
            try self.audit(AuditEvent(actorFingerprint: actor?.certificates.authentication.sha256Fingerprint,
                                      actorNationalID: actor?.professional.nationalID.rawValue, action: .adminRecover,
                                      outcome: .refused, reason: reason))
            throw error
        }
        if try twoPersonRule && fingerprints.count < 2 {
            try refuse(.secondAdministratorNeeded(action: "admin.recover", reason: "recovery needs two different new administrator cards"),
                       "two-person rule: \(fingerprints.count) card")
        }
        guard !cards.isEmpty else { throw VaultError.secondAdministratorNeeded(action: "admin.recover", reason: "no card was given") }
        guard let recovery else { try refuse(.noRecoveryCertificate, "no recovery certificate") }
        guard try X509Certificate(derEncoded: recovery.certificate).publicKey.subjectPublicKeyInfo
                == recoveryKey.publicKey.subjectPublicKeyInfo else { try refuse(.wrongRecoveryKey, "wrong recovery key") }
        let keys = try live.map { version -> OpenedVaultKey in
            let sealed = try store.read { try $0.sealedVaultKeys(version: version.version) }
                .first { $0.holderFingerprint == recovery.fingerprint }
            guard let sealed else { try refuse(.noRecoveryCertificate, "v\(version.version) not sealed to the recovery certificate") }
            return OpenedVaultKey(version: version, key: try VaultKeySeal.open(sealed, vaultID: vaultID, decipher: recoveryKey.decryptPKCS1),
                                  vaultID: vaultID)
        }
        guard let indexKey = try keys.last?.indexKey() else { throw VaultError.keyDoesNotOpen("blind-index key (not escrowed)") }
        let now = Date()
        let enrolments = try cards.map { card in
            let certificate = card.certificates.authentication
            let existing = try store.read { try $0.professional(fingerprint: certificate.sha256Fingerprint) }
            return (card, existing, try enrolment(of: certificate, nationalID: card.professional.nationalID.rawValue, role: .admin,
                                                  wallet: recoveredWallet(of: card, enrolment: existing, indexKey: indexKey), at: now))
        }
        return try store.write { writer in
            var recovered: [String] = []
            for (card, existing, enrolment) in enrolments where !recovered.contains(enrolment.nationalID) {
                let certificate = card.certificates.authentication
                let nationalID = enrolment.nationalID
                if existing == nil { try writer.insert(enrolment) } else { try writer.update(enrolment) }
                try writer.deleteSealedVaultKeys(holderFingerprint: certificate.sha256Fingerprint)
                for sealed in try VaultKeySeal.seal(keys, to: certificate, as: .adminCard) { try writer.insert(sealed) }
                try AuditLog.append(AuditEvent(actorFingerprint: certificate.sha256Fingerprint, actorNationalID: nationalID,
                                               action: .adminRecover, outcome: .granted,
                                               reason: "recovery key used; \(nationalID) made administrator"), to: writer)
                recovered.append(nationalID)
            }
            return recovered
        }
    }

    /// The wallet a recovered administrator gets: the one they already hold if they are
    /// enrolled (opened with their card, so that their grants still open), else a fresh wallet
    /// key, always with the escrowed blind-index key.
    private func recoveredWallet(of card: AuthenticatedCard, enrolment: EnrolledProfessional?,
                                 indexKey: SecretBytes) throws -> WalletSecret {
        guard let enrolment, enrolment.removedAt == nil else {
            return WalletSecret(walletKey: try SecretBytes(randomCount: 32), indexKey: indexKey)
        }
        return WalletSecret(walletKey: try openWallet(of: enrolment, with: card).walletKey, indexKey: indexKey)
    }
}
