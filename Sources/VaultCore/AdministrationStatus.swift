import Foundation
import SmartCard
import VaultCrypto
import VaultStore

/// The state of the vault's keys as an administrator sees it: no patient data, only counts,
/// versions and who holds what.
public struct AdministrationStatus: Sendable, Codable, Equatable {
    /// One vault key version and the patient keys whose escrow copy depends on it.
    public struct KeyVersion: Sendable, Codable, Equatable {
        public var version: Int
        public var createdAt: Date
        public var retiredAt: Date?
        /// Escrow copies wrapped under this version.
        public var patientKeys: Int
        /// Deposits made to this version's deposit key and not settled yet.
        public var pendingDeposits: Int
        /// National ids of the administrator cards this version is sealed to.
        public var administrators: [String]
        /// Whether an offline recovery certificate can open this version.
        public var recoverable: Bool
    }

    public var vaultID: VaultID
    public var keyVersions: [KeyVersion]
    /// Patients waiting for a rekey (after an opposition, a team or consent withdrawal).
    public var pendingRekeys: Int
    /// National ids of every enrolled administrator.
    public var administrators: [String]
    /// The subject of the offline recovery certificate, or nil when the vault has none.
    public var recoveryCertificate: String?
    public var twoPersonRule: Bool
}

extension Administration {
    /// The vault's key state, for administrators; the reading is audited.
    public func administrationStatus() throws -> AdministrationStatus {
        let admission = try admit(.administerKeys, as: .adminStatus)
        let status = try vault.store.read { reader -> AdministrationStatus in
            let enrolments = try reader.professionals()
            let names = Dictionary(enrolments.map { ($0.fingerprint, $0.nationalID) }) { first, _ in first }
            let escrow = try reader.escrowKeyCounts()
            let deposits = try reader.escrowDepositCounts()
            let versions = try reader.vaultKeyVersions().map { version -> AdministrationStatus.KeyVersion in
                let holders = try reader.sealedVaultKeys(version: version.version)
                let waiting = deposits[version.version, default: 0]
                return AdministrationStatus.KeyVersion(
                    version: version.version, createdAt: version.createdAt, retiredAt: version.retiredAt,
                    patientKeys: escrow[version.version, default: 0] - waiting, pendingDeposits: waiting,
                    administrators: holders.filter { $0.holderKind == .adminCard }.map { names[$0.holderFingerprint] ?? $0.holderFingerprint.hexString },
                    recoverable: holders.contains { $0.holderKind == .recoveryCertificate })
            }
            return AdministrationStatus(
                vaultID: VaultID(bytes: vault.vaultID), keyVersions: versions, pendingRekeys: try reader.pendingRekeys().count,
                administrators: enrolments.filter { $0.role == .admin && $0.removedAt == nil }.map(\.nationalID),
                recoveryCertificate: try reader.recoveryCertificate().map { try X509Certificate(derEncoded: $0.certificate).subject.description },
                twoPersonRule: try reader.metadata()?.twoPersonRule ?? false)
        }
        try vault.audit(admission.granted())
        return status
    }
}
