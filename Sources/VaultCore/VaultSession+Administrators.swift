import Foundation
import VaultCrypto
import VaultStore

extension VaultSession {
    /// Every live vault key version, opened with this administrator's card.
    func openLiveVaultKeys() throws -> [OpenedVaultKey] {
        try liveVaultKeyVersions().map(openVaultKey)
    }

    /// Removes an administrator: their sealed copies of the vault key are destroyed and their
    /// enrolment ended. Refused for the last administrator holding the vault key. The removed
    /// card may have seen the vault key, so a rotation should follow (`rotateVaultKey`).
    public func removeAdministrator(nationalID: String) throws {
        try requireAdministrator(for: "admin.remove")
        try vault.store.write { writer in
            let administrators = try writer.professionals().filter { $0.role == .admin && $0.removedAt == nil }
            guard var removed = administrators.first(where: { $0.nationalID == nationalID }) else {
                throw VaultError.notAnAdmin(nationalID: nationalID)
            }
            guard administrators.count > 1 else { throw VaultError.lastAdministrator(nationalID: nationalID) }
            try writer.deleteSealedVaultKeys(holderFingerprint: removed.fingerprint)
            removed.removedAt = Date()
            try writer.update(removed)
            try AuditLog.append(event("admin.remove", outcome: .granted, reason: "\(nationalID); rotate the vault key next"),
                                to: writer)
        }
        try vault.store.discardDeletedContent()
    }

    /// Makes `certificate` the offline recovery certificate: every live vault key version is
    /// sealed to it, and the copies sealed to the previous one are destroyed.
    public func replaceRecoveryCertificate(with certificate: X509Certificate) throws {
        try requireAdministrator(for: "admin.recovery-certificate")
        let keys = try openLiveVaultKeys()
        try vault.store.write { writer in
            if let previous = try writer.recoveryCertificate() {
                try writer.deleteSealedVaultKeys(holderFingerprint: previous.fingerprint)
            }
            for sealed in try VaultKeySeal.seal(keys, to: certificate, as: .recoveryCertificate) { try writer.insert(sealed) }
            try writer.setRecoveryCertificate(RecoveryCertificate(fingerprint: certificate.sha256Fingerprint,
                                                                  certificate: certificate.derEncoded, setAt: Date()))
            try AuditLog.append(event("admin.recovery-certificate", outcome: .granted, reason: certificate.subject.description),
                                to: writer)
        }
        try vault.store.discardDeletedContent()
    }
}
