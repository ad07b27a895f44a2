import Foundation
import VaultCrypto
import VaultStore

extension VaultSession {
    /// Grants an enrolled professional access to a patient (L1110-4 al.3, L1111-8 designation):
    /// the patient key sealed to their certificate as a pending grant, which moves into their
    /// wallet at their next session.
    public func grant(patient: String, to nationalID: String) throws {
        let patientID = try patient.opaqueID()
        try authorize(.grantAccess, patientID: patientID)
        let grantee = try vault.store.read { try $0.professionals() }
            .first { $0.nationalID == nationalID && $0.removedAt == nil }
        guard let grantee else { throw VaultError.notEnrolled(nationalID: nationalID) }
        let key = try patientKey(patientID)
        try vault.store.write { writer in
            let pending = try pendingGrant(of: key, patientID: patientID, to: grantee, in: writer, at: Date())
            if let pending { try writer.insert(pending) }
            try AuditLog.append(event("grant.add", patientID: patientID, outcome: .granted,
                                      reason: pending == nil ? "already granted to \(nationalID)" : "to \(nationalID)"), to: writer)
        }
    }

    /// Removes every grant of a patient to a professional (their wallet copy and any pending one).
    public func revoke(patient: String, from nationalID: String) throws {
        let patientID = try patient.opaqueID()
        try authorize(.revokeAccess, patientID: patientID)
        let fingerprints = Set(try vault.store.read { try $0.professionals() }.filter { $0.nationalID == nationalID }.map(\.fingerprint))
        guard !fingerprints.isEmpty else { throw VaultError.notEnrolled(nationalID: nationalID) }
        try vault.store.write { writer in
            try withdrawKeys(patientID: patientID, from: fingerprints, in: writer)
            try AuditLog.append(event("grant.revoke", patientID: patientID, outcome: .granted, reason: "from \(nationalID)"), to: writer)
        }
    }

    /// Enrols the holder of `certificate` (already validated by the caller against the trust
    /// anchors) as a professional or an administrator: a fresh wallet key, the vault's index
    /// key, sealed together to the certificate; an administrator also gets every live vault key
    /// version, which under the two-person rule needs `approval`. Administrators only.
    public func enrol(_ certificate: X509Certificate, nationalID: String, asAdministrator: Bool = false,
                      approval: AdministratorApproval? = nil) throws {
        try requireAdministrator(for: "professional.enrol")
        if asAdministrator { try requireSecondAdministrator(approval, for: "professional.enrol") }
        let enrolment = try withWallet { wallet in
            try vault.enrolment(of: certificate, nationalID: nationalID, role: asAdministrator ? .admin : .professional,
                                wallet: WalletSecret(walletKey: try SecretBytes(randomCount: 32), indexKey: wallet.indexKey),
                                at: Date())
        }
        let vaultKeys = asAdministrator ? try openLiveVaultKeys() : []
        try vault.store.write { writer in
            guard try writer.professional(fingerprint: enrolment.fingerprint) == nil else {
                throw VaultError.alreadyEnrolled(nationalID: nationalID)
            }
            try writer.insert(enrolment)
            for sealed in try VaultKeySeal.seal(vaultKeys, to: certificate, as: .adminCard) { try writer.insert(sealed) }
            try AuditLog.append(event("professional.enrol", outcome: .granted,
                                      reason: "\(nationalID) as \(asAdministrator ? "administrator" : "professional")"
                                          + approvalNote(approval)), to: writer)
        }
    }

    /// The patient key sealed to `grantee`'s certificate as a pending grant made by this
    /// professional, or nil when the grantee already holds that key version, in their wallet or
    /// pending. The one place a patient key is handed to another card holder.
    func pendingGrant(of key: (key: SecretBytes, version: Int), patientID: [UInt8], to grantee: EnrolledProfessional,
                      in reader: any VaultReading, at time: Date) throws -> PendingGrant? {
        let held = try reader.grants(patientID: patientID).contains { $0.fingerprint == grantee.fingerprint && $0.keyVersion == key.version }
            || reader.pendingGrants(patientID: patientID).contains { $0.fingerprint == grantee.fingerprint && $0.keyVersion == key.version }
        guard !held else { return nil }
        let context = KeyContext.patientKey(vaultID: vault.vaultID, patientID: patientID, keyVersion: key.version,
                                            holder: grantee.fingerprint)
        let sealed = try SealedKey(sealing: key.key, to: X509Certificate(derEncoded: grantee.certificate),
                                   purpose: "patient key", context: context)
        return PendingGrant(patientID: patientID, fingerprint: grantee.fingerprint, keyVersion: key.version,
                            sealedKey: sealed.encoded, grantedBy: fingerprint, grantedAt: time)
    }

    /// Deletes every copy of the patient's keys held by these certificate holders: their wallet
    /// grants and pending grants, of every key version. Copies they may have kept stop opening
    /// new records only once the patient is rekeyed (`queueRekey`).
    func withdrawKeys(patientID: [UInt8], from fingerprints: Set<[UInt8]>, in writer: any VaultWriting) throws {
        for grant in try writer.grants(patientID: patientID) where fingerprints.contains(grant.fingerprint) {
            try writer.deleteGrant(patientID: patientID, fingerprint: grant.fingerprint, keyVersion: grant.keyVersion)
        }
        for grant in try writer.pendingGrants(patientID: patientID) where fingerprints.contains(grant.fingerprint) {
            try writer.deletePendingGrant(patientID: patientID, fingerprint: grant.fingerprint, keyVersion: grant.keyVersion)
        }
    }

    /// Queues a rekey of the patient, unless one is queued already, so that keys withdrawn from
    /// someone stop opening what is written next; the administrators' rekey runs it. A rekey
    /// already running has handed its new key to the holders of the time, so it is queued again
    /// behind it (docs/KEYS.md, Rekey).
    func queueRekey(patientID: [UInt8], reason: String, in writer: any VaultWriting, at time: Date) throws {
        if let queued = try writer.pendingRekeys().first(where: { $0.patientID == patientID }) {
            guard RekeyQueue.isInProgress(queued.reason) else { return }
            try writer.deletePendingRekey(patientID: patientID)
        }
        try writer.insert(PendingRekey(patientID: patientID, reason: reason, queuedAt: time))
    }
}
