import CPSCard
import Foundation
import VaultCrypto
import VaultStore

extension Administration {
    /// Enrols the holder of `certificate` as a professional or an administrator, or enrols again
    /// one whose enrolment was removed. The certificate is validated against the vault's trust
    /// here, and the holder's identity is read from it, never taken from the caller. The holder
    /// gets a fresh wallet key with the vault's index key, sealed together to the certificate; an
    /// administrator also gets every live vault key version, which under the two-person rule
    /// needs `approval`. Administrators only (`enrolProfessional`). Returns who was enrolled.
    @discardableResult
    public func enrol(_ certificate: X509Certificate, asAdministrator: Bool = false,
                      approval: AdministratorApproval? = nil) throws -> CPSCard.Professional {
        let admission = try admit(.enrolProfessional, as: .professionalEnrol)
        _ = try vault.trust.verifier().verify(certificate)
        let holder = try CPSCard.Professional(certificate: certificate, cardSerial: [])
        let nationalID = holder.nationalID.rawValue
        if asAdministrator { try requireSecondAdministrator(approval, for: admission) }
        let enrolment = try withWallet { wallet in
            try vault.enrolment(of: certificate, nationalID: nationalID, role: asAdministrator ? .admin : .professional,
                                wallet: WalletSecret(walletKey: try SecretBytes(randomCount: 32), indexKey: wallet.indexKey),
                                at: Date())
        }
        let vaultKeys = asAdministrator ? try openLiveVaultKeys() : []
        try vault.store.write { writer in
            let earlier = try writer.professional(fingerprint: enrolment.fingerprint)
            switch earlier {
            case nil:
                try writer.insert(enrolment)
            case let earlier? where earlier.removedAt != nil:
                try writer.update(enrolment)
            case .some:
                throw VaultError.alreadyEnrolled(nationalID: nationalID)
            }
            for sealed in try VaultKeySeal.seal(vaultKeys, to: certificate, as: .adminCard) { try writer.insert(sealed) }
            try AuditLog.append(admission.granted("\(nationalID) as \(asAdministrator ? "administrator" : "professional")"
                                                  + (earlier == nil ? "" : ", enrolled again") + approvalNote(approval)), to: writer)
        }
        return holder
    }

    /// Ends the enrolment of every card of the holder `nationalID` (offboarding): an
    /// administrator's sealed copies of the vault key are destroyed (refused for the last
    /// administrator holding it, and a rotation should follow: their card may have seen it); a
    /// professional's patient keys are withdrawn from their wallet and pending grants, their care
    /// team memberships end, and each patient they held is queued for a rekey so that a copy
    /// they kept stops opening new records. The holder may be enrolled again later.
    /// Administrators only (`removeProfessional`); returns the role they had.
    @discardableResult
    public func removeProfessional(nationalID: String) throws -> EnrolledProfessional.Role {
        let admission = try admit(.removeProfessional, as: nationalIDRemovalAct(nationalID))
        let now = Date()
        let role = try vault.store.write { writer -> EnrolledProfessional.Role in
            let enrolments = try writer.professionals().filter { $0.nationalID == nationalID && $0.removedAt == nil }
            guard let role = enrolments.first?.role else { throw VaultError.notEnrolled(nationalID: nationalID) }
            let fingerprints = Set(enrolments.map(\.fingerprint))
            var detail = nationalID
            if role == .admin {
                let others = try writer.professionals().filter { $0.role == .admin && $0.removedAt == nil && $0.nationalID != nationalID }
                guard !others.isEmpty else { throw VaultError.lastAdministrator(nationalID: nationalID) }
                for fingerprint in fingerprints { try writer.deleteSealedVaultKeys(holderFingerprint: fingerprint) }
                detail += "; rotate the vault key next"
            } else {
                let held = Set(try fingerprints.flatMap { try writer.grants(fingerprint: $0).map(\.patientID) })
                    .union(try fingerprints.flatMap { try writer.pendingGrants(fingerprint: $0).map(\.patientID) })
                for patientID in held.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    try withdrawKeys(patientID: patientID, from: fingerprints, in: writer)
                    try queueRekey(patientID: patientID, reason: "professional removed", in: writer, at: now)
                }
                for team in try writer.teams() {
                    for member in try writer.members(teamID: team.teamID) where fingerprints.contains(member.fingerprint) {
                        try writer.deleteTeamMember(teamID: team.teamID, fingerprint: member.fingerprint)
                    }
                }
                detail += "; keys to \(held.count) patients withdrawn, rekeys queued"
            }
            for var enrolment in enrolments {
                enrolment.removedAt = now
                try writer.update(enrolment)
            }
            try AuditLog.append(admission.granted(detail), to: writer)
            return role
        }
        try vault.store.discardDeletedContent()
        return role
    }

    /// The audit name of a removal: administrators' removals keep the name they always had.
    private func nationalIDRemovalAct(_ nationalID: String) throws -> AuditAction {
        let isAdministrator = try vault.store.read { try $0.professionals() }
            .contains { $0.nationalID == nationalID && $0.removedAt == nil && $0.role == .admin }
        return isAdministrator ? .adminRemove : .professionalRemove
    }

    /// Every live vault key version, opened with this administrator's card.
    func openLiveVaultKeys() throws -> [OpenedVaultKey] {
        try liveVaultKeyVersions().map(openVaultKey)
    }

    /// Makes `certificate` the offline recovery certificate: every live vault key version is
    /// sealed to it, and the copies sealed to the previous one are destroyed.
    public func replaceRecoveryCertificate(with certificate: X509Certificate) throws {
        let admission = try admit(.administerKeys, as: .adminRecoveryCertificate)
        let keys = try openLiveVaultKeys()
        try vault.store.write { writer in
            if let previous = try writer.recoveryCertificate() {
                try writer.deleteSealedVaultKeys(holderFingerprint: previous.fingerprint)
            }
            for sealed in try VaultKeySeal.seal(keys, to: certificate, as: .recoveryCertificate) { try writer.insert(sealed) }
            try writer.setRecoveryCertificate(RecoveryCertificate(fingerprint: certificate.sha256Fingerprint,
                                                                  certificate: certificate.derEncoded, setAt: Date()))
            try AuditLog.append(admission.granted(certificate.subject.description), to: writer)
        }
        try vault.store.discardDeletedContent()
    }
}
