import CPSCard
import Foundation
import Synchronization
import VaultCrypto
import VaultStore

/// An authenticated professional's time with the vault, bound to their card: opened with one
/// card private-key operation (the wallet), ended when the card leaves the reader or `end()` is
/// called, at which point its keys are dropped and wiped.
public final class VaultSession: Sendable {
    public let vault: Vault
    public let professional: CPSCard.Professional
    public let role: EnrolledProfessional.Role
    let card: AuthenticatedCard
    private let wallet: Mutex<WalletSecret?>
    private let watch = Mutex<CardRemovalWatch?>(nil)
    private let waiters = Mutex<[CheckedContinuation<Void, Never>]>([])
    /// The audit entries this session's card has not signed yet (`signAuditCheckpointIfDue`).
    let unsignedEntries = Mutex(UnsignedEntries())

    private init(vault: Vault, card: AuthenticatedCard, role: EnrolledProfessional.Role, wallet: WalletSecret) {
        self.vault = vault
        self.card = card
        professional = card.professional
        self.role = role
        self.wallet = Mutex(wallet)
    }

    /// Opens a session for the holder of `card`, who must be enrolled; with `reader`, the session
    /// ends by itself when the card leaves that reader. Grants made while they were away move
    /// into their wallet now, the keys they hold reach members added to the care teams
    /// entrusted with those patients (`syncTeamGrants`), and an administrator's session settles
    /// escrow deposits. The opening, or its refusal, is audited; an enrolment changed outside the
    /// audit log (a promoted role, an undone removal) is refused as `VaultError.tampered`.
    public static func open(_ vault: Vault, card: AuthenticatedCard, reader: String? = nil) throws -> VaultSession {
        let fingerprint = card.certificates.authentication.sha256Fingerprint
        let nationalID = card.professional.nationalID.rawValue
        func refusal(_ reason: String) -> AuditEvent {
            AuditEvent(actorFingerprint: fingerprint, actorNationalID: nationalID, action: .sessionOpen, outcome: .refused, reason: reason)
        }
        do {
            guard let enrolment = try vault.store.read({ try BoundEnrolment(fingerprint: fingerprint, in: $0).enrolment }),
                  enrolment.removedAt == nil else {
                try vault.audit(refusal("not enrolled"))
                throw VaultError.notEnrolled(nationalID: nationalID)
            }
            let session = VaultSession(vault: vault, card: card, role: enrolment.role, wallet: try vault.openWallet(of: enrolment, with: card))
            try session.acceptPendingGrants()
            try session.care.syncTeamGrants()
            if let admission = try session.admission(.administerKeys, patient: nil, as: .escrowSettle) {
                _ = try Administration(session: session).settleEscrow(admission)
            }
            if let reader {
                let watch = try CardRemovalWatch(reader: reader) { [weak session] in session?.end() }
                session.watch.withLock { $0 = watch }
            }
            try vault.audit(session.event(.sessionOpen, outcome: .granted))
            return session
        } catch VaultError.tampered(let what) {
            try vault.audit(refusal("tampered: \(what)"))
            throw VaultError.tampered(what)
        }
    }

    /// Whether the session still holds its keys.
    public var isOpen: Bool { wallet.withLock { $0 != nil } }

    /// Ends the session: the keys are dropped (and wiped as they go), the card watch stops, and
    /// a driver that keeps a session with the card's middleware closes it.
    public func end() {
        wallet.withLock { $0 = nil }
        card.driver.close()
        watch.withLock { $0?.cancel(); $0 = nil }
        waiters.withLock { waiting in
            defer { waiting.removeAll() }
            return waiting
        }.forEach { $0.resume() }
    }

    /// Returns once the session has ended (its card removed, or `end()` called).
    public func waitUntilEnded() async {
        await withCheckedContinuation { continuation in
            let resumeNow = waiters.withLock { waiting -> Bool in
                guard isOpen else { return true }
                waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// The certificate fingerprint the audit log and the grants know this professional by.
    public var certificateFingerprint: CertificateFingerprint { CertificateFingerprint(bytes: fingerprint) }

    /// `certificateFingerprint` as the store keeps it.
    package var fingerprint: [UInt8] { card.certificates.authentication.sha256Fingerprint }

    /// Throws `sessionEnded` unless the session still holds its keys and its card is still in
    /// the reader, asked of pcscd now: what an act checks just before it commits, so that it
    /// never commits after its card has gone (the watch alone may be half a second behind).
    func requireCard() throws {
        if let watch = watch.withLock({ $0 }), !watch.confirmPresence() { end() }
        guard isOpen else { throw VaultError.sessionEnded }
    }

    /// Runs `body`, one transaction's work; when it stops because the card left the reader, the
    /// act is audited as aborted and `sessionEnded` thrown: nothing of it was written.
    func abortingWhenCardLeaves<T>(_ admission: Admission, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch VaultError.sessionEnded {
            try vault.audit(admission.failed("aborted: the card left the reader; nothing was written"))
            throw VaultError.sessionEnded
        }
    }

    /// Runs `body` with the wallet, or throws `sessionEnded` once the card has gone.
    func withWallet<T>(_ body: (WalletSecret) throws -> T) throws -> T {
        guard let current = wallet.withLock({ $0 }) else { throw VaultError.sessionEnded }
        return try body(current)
    }

    /// Moves every pending grant to this professional (of one patient, when `patientID` is
    /// given) into their wallet: each opened with the card, rewrapped under the wallet key, in
    /// one transaction. A key the policy no longer lets them receive (an opposition recorded
    /// since, the end of the hosting) stays where it is, unopened.
    func acceptPendingGrants(patientID: [UInt8]? = nil) throws {
        let pending = try vault.store.read { reader in
            try reader.pendingGrants(fingerprint: fingerprint).filter { grant in
                guard patientID == nil || grant.patientID == patientID else { return false }
                return try decision(.receivePatientKey, patientID: grant.patientID, in: reader).isAllowed
            }
        }
        guard !pending.isEmpty else { return }
        try withWallet { wallet in
            try vault.store.write { writer in
                for grant in pending {
                    let context = KeyContext.patientKey(vaultID: vault.vaultID, patientID: grant.patientID,
                                                        keyVersion: grant.keyVersion, holder: fingerprint)
                    let key = try SealedKey(encoded: grant.sealedKey, purpose: "patient key")
                        .open(purpose: "patient key", context: context, decipher: card.driver.decipherWithAuthenticationKey)
                    try writer.insert(Grant(patientID: grant.patientID, fingerprint: fingerprint, keyVersion: grant.keyVersion,
                                            wrappedKey: try KeyWrap.wrap(key, with: wallet.walletKey, context: context),
                                            grantedBy: grant.grantedBy, grantedAt: grant.grantedAt))
                    try writer.deletePendingGrant(patientID: grant.patientID, fingerprint: fingerprint, keyVersion: grant.keyVersion)
                }
            }
        }
    }
}
