import Foundation
import VaultCrypto
import VaultStore

/// How far a vault key rotation has come, reported after each batch.
public struct RotationProgress: Sendable, Codable, Equatable {
    /// The version escrow copies are moving to.
    public var targetVersion: Int
    /// Escrow copies rewrapped by this run so far.
    public var rewrapped: Int
    /// Escrow copies still under older versions.
    public var remaining: Int
}

/// What a rotation did.
public struct RotationSummary: Sendable, Codable, Equatable {
    public var targetVersion: Int
    /// Whether this run carried on an interrupted rotation rather than starting one.
    public var resumed: Bool
    public var rewrapped: Int
    /// Versions that wrap no patient key any more: `admin retire --below` may destroy them.
    public var retirable: [Int]
}

extension Administration {
    /// Rotates the vault key (docs/DESIGN.md, Keys): a new version sealed to every enrolled administrator
    /// and to the recovery certificate, then every escrow copy rewrapped under it, in batches
    /// that are each one transaction. An interrupted rotation (even killed) is carried on by
    /// the next call instead of starting another; the vault stays readable and writable
    /// throughout, old and new versions coexisting until `retireVaultKeys(below:)`.
    public func rotateVaultKey(approval: AdministratorApproval? = nil,
                               progress: (RotationProgress) throws -> Void = { _ in }) throws -> RotationSummary {
        let admission = try admit(.administerKeys, as: .adminRotate)
        try requireSecondAdministrator(approval, for: admission)
        // One count of every escrow copy (a scan): creating the new version changes no older version's count.
        let counts = try vault.store.read { try $0.escrowKeyCounts() }
        let (target, resumed) = try startOrResumeRotation(counts: counts, approval: approval, admission: admission)
        let targetKey = try openVaultKey(target)
        var report = RotationProgress(targetVersion: target.version, rewrapped: 0,
                                      remaining: counts.filter { $0.key < target.version }.values.reduce(0, +))
        try progress(report)
        for old in try liveVaultKeyVersions() where old.version < target.version && counts[old.version, default: 0] > 0 {
            let oldKey = try openVaultKey(old)
            while case let moved = try Escrow.move(batchFrom: oldKey, to: targetKey, store: vault.store), moved > 0 {
                report.rewrapped += moved
                report.remaining = max(report.remaining - moved, 0)
                try progress(report)
            }
        }
        let retirable = try liveVaultKeyVersions().map(\.version).filter { $0 < target.version }
        try vault.audit(admission.granted("vault key v\(target.version): \(report.rewrapped) escrow copies rewrapped" + approvalNote(approval)))
        return RotationSummary(targetVersion: target.version, resumed: resumed, rewrapped: report.rewrapped, retirable: retirable)
    }

    /// The version to rotate to: the newest one while older live versions still wrap escrow
    /// copies (an interrupted rotation), otherwise a new one, sealed to its holders.
    private func startOrResumeRotation(counts: [Int: Int], approval: AdministratorApproval?,
                                       admission: Admission) throws -> (VaultKeyVersion, resumed: Bool) {
        let live = try liveVaultKeyVersions()
        guard let newest = live.last else { throw VaultError.keyDoesNotOpen("vault key (no version is live)") }
        if live.dropLast().contains(where: { counts[$0.version, default: 0] > 0 }) { return (newest, true) }
        let vaultKey = try SecretBytes(randomCount: 32)
        let now = Date()
        let version = try withWallet { wallet in
            try Escrow.keyVersion(newest.version + 1, vaultKey: vaultKey, indexKey: wallet.indexKey, vaultID: vault.vaultID, at: now)
        }
        try vault.store.write { writer in
            try writer.insert(version)
            for holder in try vaultKeyHolders(in: writer) {
                try writer.insert(VaultKeySeal.seal(vaultKey, version: version.version, to: holder.certificate,
                                                    as: holder.kind, vaultID: vault.vaultID))
            }
            try AuditLog.append(admission.granted("vault key v\(version.version) created" + approvalNote(approval)), to: writer)
        }
        return (version, false)
    }

    /// Who every new vault key version is sealed to: the enrolled administrators and the
    /// recovery certificate.
    func vaultKeyHolders(in reader: any VaultReading) throws -> [(certificate: X509Certificate, kind: SealedVaultKey.HolderKind)] {
        let administrators = try reader.professionals().filter { $0.role == .admin && $0.removedAt == nil }
            .map { (certificate: try X509Certificate(derEncoded: $0.certificate), kind: SealedVaultKey.HolderKind.adminCard) }
        let recovery = try reader.recoveryCertificate()
            .map { (certificate: try X509Certificate(derEncoded: $0.certificate), kind: SealedVaultKey.HolderKind.recoveryCertificate) }
        return administrators + (recovery.map { [$0] } ?? [])
    }
}

extension Administration {
    /// Retires every live vault key version below `version`: their sealed copies and deposit
    /// keys are destroyed, and the store's files purged of them. Refused while any patient key
    /// still depends on one of them, and for the current version. Returns the retired versions.
    @discardableResult
    public func retireVaultKeys(below version: Int) throws -> [Int] {
        let admission = try admit(.administerKeys, as: .adminRetire)
        let retired = try vault.store.write { writer -> [Int] in
            let live = try writer.vaultKeyVersions().filter { $0.retiredAt == nil }
            if let current = live.last, current.version < version { throw VaultError.currentVaultKey(version: current.version) }
            let counts = try writer.escrowKeyCounts()
            let doomed = live.filter { $0.version < version }
            if let used = doomed.first(where: { counts[$0.version, default: 0] > 0 }) {
                throw VaultError.vaultKeyInUse(version: used.version, patientKeys: counts[used.version, default: 0])
            }
            let now = Date()
            for var old in doomed {
                try writer.deleteSealedVaultKeys(version: old.version)
                old.retiredAt = now
                old.depositPublicKey = nil
                old.wrappedDepositPrivateKey = nil
                old.wrappedIndexKey = nil
                try writer.update(old)
            }
            try AuditLog.append(admission.granted(doomed.isEmpty ? "nothing below v\(version)"
                                          : "vault key " + doomed.map { "v\($0.version)" }.joined(separator: ", ") + " destroyed"),
                                to: writer)
            return doomed.map(\.version)
        }
        try vault.store.discardDeletedContent()
        return retired
    }
}
