import CPSCard
import Foundation
import VaultCrypto
import VaultStore

/// A vault: its store, its identity, the trust its card holders' certificates are validated
/// against, and the access policy its sessions are governed by. Opening one needs no card;
/// reading anything in it needs a `VaultSession`, whose every operation passes the policy (the
/// gate, `VaultSession.admit`): the store itself is not reachable from outside this package.
public final class Vault: Sendable {
    /// The store, through which every write that changes what decides access is checked against
    /// the audit log and stated in it (`BoundStore`). Package-wide so that VaultFixtures writes
    /// through it as the services do.
    package let store: BoundStore
    /// The vault's id as bound into its key and record contexts (`VaultID` outside the package).
    package let vaultID: [UInt8]
    public let path: String
    /// The anchors, intermediates and CRLs that every certificate the vault relies on (cards,
    /// enrolments, export recipients) is validated against.
    public let trust: CardTrust
    /// The policy every session's operations are decided by.
    let policy: Policy

    init(store: any VaultStore, vaultID: [UInt8], path: String, trust: CardTrust, policy: Policy = .standard) {
        self.store = store as? BoundStore ?? BoundStore(store)
        self.vaultID = vaultID
        self.path = path
        self.trust = trust
        self.policy = policy
    }

    /// Opens the vault at `path`; a missing file or an uninitialised database is refused.
    static func open(at path: String, trust: CardTrust) throws -> Vault {
        guard FileManager.default.fileExists(atPath: path) else { throw VaultError.notInitialized(path: path) }
        return try open(store: try SQLiteVaultStore.openExisting(path: path), location: path, trust: trust)
    }

    /// Opens the vault held by `store` (any backend), which `location` names in messages and as
    /// the vault's `path`; a store holding no vault yet is refused. A vault of an earlier format
    /// has its access facts bound to the audit log first (`BindingAdoption`).
    static func open(store: any VaultStore, location: String, trust: CardTrust) throws -> Vault {
        guard let metadata = try store.read({ try $0.metadata() }) else { throw VaultError.notInitialized(path: location) }
        if metadata.formatVersion < BindingAdoption.formatVersion { try BindingAdoption.adopt(store) }
        return Vault(store: store, vaultID: metadata.vaultID, path: location, trust: trust)
    }

    /// The same vault governed by another policy: for tests of the gate.
    func governed(by policy: Policy) -> Vault {
        Vault(store: store, vaultID: vaultID, path: path, trust: trust, policy: policy)
    }

    /// Creates a vault at `path` with the authenticated card's holder as its first administrator:
    /// a fresh vault key sealed to that card (and to `recoveryCertificate` when given), a fresh
    /// blind-index key, and the administrator's wallet. Anything already at `path` is refused
    /// for what it is (a vault, an empty file, a folder); nothing is left behind on failure.
    static func create(at path: String, administrator card: AuthenticatedCard,
                              recoveryCertificate: X509Certificate?, trust: CardTrust) throws -> Vault {
        try checkCreatable(at: path)
        do {
            return try create(in: try SQLiteVaultStore(path: path), location: path, administrator: card,
                              recoveryCertificate: recoveryCertificate, trust: trust)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }

    /// Refuses to create a vault at `path` when something is there (it says what it is: a vault,
    /// an empty file, a folder, another database) or when its folder is not safe; nothing is
    /// written. A missing folder is left for `create` to make.
    static func checkCreatable(at path: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            _ = try SQLiteVaultStore.openExisting(path: path)
            throw VaultError.alreadyInitialized(path: path)
        }
        if FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent) {
            try SQLiteVaultStore.checkPlace(path: path)
        }
    }

    /// Creates a vault as `create(at:administrator:recoveryCertificate:trust:)` does, in `store` (any
    /// backend), which `location` names; a store that already holds a vault is refused, and a
    /// failure leaves the store without a vault (everything is written in one transaction).
    static func create(in store: any VaultStore, location: String, administrator card: AuthenticatedCard,
                              recoveryCertificate: X509Certificate?, trust: CardTrust) throws -> Vault {
        guard try store.read({ try $0.metadata() }) == nil else { throw VaultError.alreadyInitialized(path: location) }
        let vaultID = try SecureRandom.bytes(count: 16)
        let vault = Vault(store: store, vaultID: vaultID, path: location, trust: trust)
        let now = Date()
        let vaultKey = try SecretBytes(randomCount: 32)
        let wallet = WalletSecret(walletKey: try SecretBytes(randomCount: 32), indexKey: try SecretBytes(randomCount: 32))
        let admin = card.certificates.authentication
        try vault.store.write { writer in
            try writer.setMetadata(VaultMetadata(vaultID: vaultID, formatVersion: BindingAdoption.formatVersion, createdAt: now,
                                                 twoPersonRule: false))
            try writer.insert(try Escrow.keyVersion(1, vaultKey: vaultKey, indexKey: wallet.indexKey, vaultID: vaultID, at: now))
            try writer.insert(try VaultKeySeal.seal(vaultKey, version: 1, to: admin, as: .adminCard, vaultID: vaultID))
            if let recoveryCertificate {
                try writer.insert(try VaultKeySeal.seal(vaultKey, version: 1, to: recoveryCertificate,
                                                        as: .recoveryCertificate, vaultID: vaultID))
                try writer.setRecoveryCertificate(RecoveryCertificate(
                    fingerprint: recoveryCertificate.sha256Fingerprint, certificate: recoveryCertificate.derEncoded, setAt: now))
            }
            try writer.insert(try vault.enrolment(of: admin, nationalID: card.professional.nationalID.rawValue,
                                                  role: .admin, wallet: wallet, at: now))
            try AuditLog.append(AuditEvent(actorFingerprint: admin.sha256Fingerprint,
                                           actorNationalID: card.professional.nationalID.rawValue,
                                           action: .vaultInit, outcome: .granted,
                                           reason: recoveryCertificate == nil ? "no recovery certificate" : "with a recovery certificate"),
                                to: writer)
        }
        return vault
    }

    /// The enrolment row of a certificate holder: their wallet sealed to the certificate.
    func enrolment(of certificate: X509Certificate, nationalID: String, role: EnrolledProfessional.Role,
                   wallet: WalletSecret, at time: Date) throws -> EnrolledProfessional {
        let holder = certificate.sha256Fingerprint
        let sealed = try SealedKey(sealing: wallet.combined, to: certificate, purpose: WalletSecret.purpose,
                                   context: KeyContext.wallet(vaultID: vaultID, holder: holder))
        return EnrolledProfessional(fingerprint: holder, nationalID: nationalID, role: role,
                                    certificate: certificate.derEncoded, sealedWalletKey: sealed.ciphertext,
                                    walletCheck: sealed.check, enrolledAt: time, removedAt: nil)
    }

    /// The wallet sealed in `enrolment`, opened with the holder's card (one PSO DECIPHER).
    func openWallet(of enrolment: EnrolledProfessional, with card: AuthenticatedCard) throws -> WalletSecret {
        let opened = try SealedKey(ciphertext: enrolment.sealedWalletKey, check: enrolment.walletCheck)
            .open(purpose: WalletSecret.purpose, context: KeyContext.wallet(vaultID: vaultID, holder: enrolment.fingerprint),
                  decipher: card.driver.decipherWithAuthenticationKey)
        return try WalletSecret(opened: opened)
    }
}
