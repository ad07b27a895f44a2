import Foundation
import VaultCrypto
import VaultStore

extension Care {
    /// Grants an enrolled professional access to a patient (L1110-4 al.3, L1111-8 designation):
    /// the patient key sealed to their certificate as a pending grant, which moves into their
    /// wallet at their next session. The policy decides both ends: this professional's right to
    /// grant, and the grantee's to receive the key (never someone the patient opposed, nor an
    /// administrator); either refusal is audited and thrown.
    public func grant(patient: PatientID, to nationalID: String) throws {
        let patientID = patient.bytes
        let admission = try admit(.grantAccess, patient: patientID, as: .grantAdd)
        let grantee = try vault.store.read { try $0.professionals() }
            .first { $0.nationalID == nationalID && $0.removedAt == nil }
        guard let grantee else { throw VaultError.notEnrolled(nationalID: nationalID) }
        let key = try patientKey(patientID)
        let refusal: AccessReason? = try vault.store.write { writer in
            switch try pendingGrant(of: key, patientID: patientID, to: grantee, in: writer, at: Date()) {
            case .refused(let reason):
                return reason
            case .held:
                try AuditLog.append(admission.granted(try sealedDetail("already granted to \(nationalID)", patientID: patientID, key: key)),
                                    to: writer)
            case .sealed(let pending):
                try writer.insert(pending)
                try AuditLog.append(admission.granted(try sealedDetail("to \(nationalID)", patientID: patientID, key: key)), to: writer)
            }
            return nil
        }
        if let refusal {
            try auditRefusal(.grantAdd, patient: patientID, refusal)
        }
    }

    /// Removes every grant of a patient to a professional (their wallet copy and any pending one).
    public func revoke(patient: PatientID, from nationalID: String) throws {
        let patientID = patient.bytes
        let admission = try admit(.revokeAccess, patient: patientID, as: .grantRevoke)
        let fingerprints = Set(try vault.store.read { try $0.professionals() }.filter { $0.nationalID == nationalID }.map(\.fingerprint))
        guard !fingerprints.isEmpty else { throw VaultError.notEnrolled(nationalID: nationalID) }
        let detail = try sealedDetail("from \(nationalID)", patientID: patientID, key: try patientKey(patientID))
        try vault.store.write { writer in
            try withdrawKeys(patientID: patientID, from: fingerprints, in: writer)
            try AuditLog.append(admission.granted(detail), to: writer)
        }
    }

    /// What handing the patient key to a card holder comes to.
    enum KeyHandover {
        /// The key sealed to them, to insert as a pending grant.
        case sealed(PendingGrant)
        /// They hold that key version already, in their wallet or pending.
        case held
        /// The policy keeps the key from them (`receivePatientKey`), for this reason.
        case refused(AccessReason)
    }
}

extension SessionService {
    /// The patient key sealed to `grantee`'s certificate as a pending grant made by this
    /// professional, once the policy allows them to receive it. The one place a patient key is
    /// handed to another card holder, so the one place that decision is taken.
    func pendingGrant(of key: (key: SecretBytes, version: Int), patientID: [UInt8], to grantee: EnrolledProfessional,
                      in reader: any VaultReading, at time: Date) throws -> Care.KeyHandover {
        if case .denied(let reason) = try decision(.receivePatientKey, for: grantee, patientID: patientID, in: reader) {
            return .refused(reason)
        }
        let held = try reader.grants(patientID: patientID).contains { $0.fingerprint == grantee.fingerprint && $0.keyVersion == key.version }
            || reader.pendingGrants(patientID: patientID).contains { $0.fingerprint == grantee.fingerprint && $0.keyVersion == key.version }
        guard !held else { return .held }
        let context = KeyContext.patientKey(vaultID: vault.vaultID, patientID: patientID, keyVersion: key.version,
                                            holder: grantee.fingerprint)
        let sealed = try SealedKey(sealing: key.key, to: X509Certificate(derEncoded: grantee.certificate),
                                   purpose: "patient key", context: context)
        return .sealed(PendingGrant(patientID: patientID, fingerprint: grantee.fingerprint, keyVersion: key.version,
                                    sealedKey: sealed.encoded, grantedBy: fingerprint, grantedAt: time))
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

