import CPSCard
import VaultCrypto
import VaultStore

/// Who a restitution may be encrypted to (L1111-8: the data go back to those who entrusted
/// them): the patient's designated professionals, enrolled and holding the patient's key, and the
/// restitution certificates the vault's configuration names; each certificate must also validate
/// against the vault's trust, so a certificate made up for the occasion is refused.
struct RestitutionRecipients {
    /// The certificate fingerprints of the designated professionals.
    let designated: Set<[UInt8]>
    /// The configured restitution certificates' fingerprints.
    let named: Set<[UInt8]>
    let trust: CardTrust

    init(session: VaultSession, patientID: [UInt8], named: [X509Certificate]) throws {
        designated = try session.vault.store.read { reader in
            let holders = Set(try reader.grants(patientID: patientID).map(\.fingerprint)
                              + reader.pendingGrants(patientID: patientID).map(\.fingerprint))
            return Set(try holders.filter { holder in
                try reader.professional(fingerprint: holder).map { $0.removedAt == nil && $0.role == .professional } ?? false
            })
        }
        self.named = Set(named.map(\.sha256Fingerprint))
        trust = session.vault.trust
    }

    /// Why the export may not go to `recipients`, or nil when every one of them may receive it.
    func refusal(of recipients: [X509Certificate]) throws -> AccessReason? {
        let verifier = try trust.verifier()
        for recipient in recipients {
            let fingerprint = recipient.sha256Fingerprint
            guard designated.contains(fingerprint) || named.contains(fingerprint) else { return .restitutionRecipientNotDesignated }
            do {
                _ = try verifier.verify(recipient)
            } catch {
                return .restitutionRecipientUntrusted
            }
        }
        return nil
    }
}

extension AccessReason {
    public static let restitutionRecipientNotDesignated = AccessReason(
        code: "L1111-8-restitution-recipient",
        explanation: "Article L1111-8: the data go back only to those who entrusted them: a professional the patient "
            + "designated (enrolled and granted), or a restitution certificate the vault's configuration names "
            + "(\"restitutionRecipients\"); nothing was written.")

    public static let restitutionRecipientUntrusted = AccessReason(
        code: "L1111-8-restitution-recipient-untrusted",
        explanation: "Article L1111-8: the recipient's certificate does not validate against the vault's trust anchors "
            + "(unknown issuer, expired or revoked); use the recipient's current certificate; nothing was written.")
}
