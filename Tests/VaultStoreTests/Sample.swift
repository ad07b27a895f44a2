import Foundation
import VaultStore

/// Rows for tests, distinguishable by a small number `n`; times are whole milliseconds so that
/// they read back equal.
enum Sample {
    static let time = StoredTime.date(milliseconds: 1_700_000_000_123)

    static func id(_ n: UInt8) -> [UInt8] { [UInt8](repeating: n, count: 16) }
    static func fingerprint(_ n: UInt8) -> [UInt8] { [UInt8](repeating: n, count: 32) }
    static func blob(_ n: UInt8, _ count: Int = 48) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0) ^ n } }

    static func metadata() -> VaultMetadata {
        VaultMetadata(vaultID: id(0xA0), formatVersion: 1, createdAt: time, twoPersonRule: true)
    }

    static func vaultKeyVersion(_ version: Int) -> VaultKeyVersion {
        VaultKeyVersion(version: version, createdAt: time)
    }

    static func sealedVaultKey(version: Int, holder n: UInt8) -> SealedVaultKey {
        SealedVaultKey(version: version, holderFingerprint: fingerprint(n), holderKind: .adminCard, sealedKey: blob(n))
    }

    static func professional(_ n: UInt8, role: Professional.Role = .professional) -> Professional {
        Professional(fingerprint: fingerprint(n), nationalID: "8100000000\(n)", role: role,
                     certificate: blob(n, 300), sealedWalletKey: blob(n, 256), walletCheck: fingerprint(n ^ 0xFF),
                     enrolledAt: time)
    }

    static func patient(_ n: UInt8) -> Patient {
        Patient(patientID: id(n), blindIndex: fingerprint(n), identity: blob(n), currentKeyVersion: 1, createdAt: time)
    }

    static func escrowKey(patient n: UInt8, keyVersion: Int = 1, vaultKeyVersion: Int = 1) -> EscrowKey {
        EscrowKey(patientID: id(n), keyVersion: keyVersion, vaultKeyVersion: vaultKeyVersion, wrappedKey: blob(n, 40))
    }

    static func grant(patient n: UInt8, to professional: UInt8) -> Grant {
        Grant(patientID: id(n), fingerprint: fingerprint(professional), keyVersion: 1, wrappedKey: blob(n, 40),
              grantedBy: fingerprint(professional), grantedAt: time)
    }

    static func pendingGrant(patient n: UInt8, to professional: UInt8) -> PendingGrant {
        PendingGrant(patientID: id(n), fingerprint: fingerprint(professional), keyVersion: 1, sealedKey: blob(n, 256),
                     grantedBy: fingerprint(professional), grantedAt: time)
    }

    static func team(_ n: UInt8) -> Team { Team(teamID: id(n), name: "Cardiologie \(n)", createdAt: time) }

    static func recordVersion(record r: UInt8, patient n: UInt8, version: Int = 1, segments: Int = 1) -> RecordVersion {
        RecordVersion(recordID: id(r), patientID: id(n), version: version, keyVersion: 1, header: blob(r, 60),
                      sealedContentType: blob(r, 30), plaintextSize: Int64(segments) * 65_536,
                      segmentCount: segments, authorFingerprint: fingerprint(1), createdAt: time)
    }

    static func policyEvent(_ e: UInt8, patient n: UInt8) -> PolicyEvent {
        PolicyEvent(eventID: id(e), patientID: id(n), kind: "opposition", payload: blob(e),
                    subjectFingerprint: fingerprint(1), recordedBy: fingerprint(1), recordedAt: time)
    }

    /// A 32-byte hash for audit tests.
    static func auditHash(_ n: UInt8) -> [UInt8] {
        [UInt8](repeating: n, count: 32)
    }

    /// Appends an audit entry (about `patient`, if given).
    @discardableResult
    static func audit(_ writer: any VaultWriting, patient: UInt8? = nil) throws -> AuditEntry {
        try writer.appendAudit(
            time: Date(), actorFingerprint: fingerprint(1), actorNationalID: "81000000001", action: "record.read",
            patientID: patient.map(id), outcome: "granted", reason: "care team", hash: auditHash(patient ?? 0))
    }

    /// Integrates up to `limit` entries, the tree's compact range standing for its size alone
    /// (the store keeps whatever bytes it is given).
    static func integrate(_ writer: any VaultWriting, limit: Int) throws -> AuditTreeState? {
        try writer.integrateAudit(limit: limit) { tree, entries in
            AuditTreeState(size: tree.size + Int64(entries.count), compactRange: [UInt8(tree.size + Int64(entries.count))])
        }
    }

    /// A patient with an escrow key, a grant, a pending grant, a team grant, a pending rekey,
    /// a policy event and a two-segment record, on top of professional 1 and vault key 1.
    static func populate(_ w: any VaultWriting, patient n: UInt8, team: UInt8) throws {
        try w.insert(patient(n))
        try w.insert(escrowKey(patient: n))
        try w.insert(grant(patient: n, to: 1))
        try w.insert(pendingGrant(patient: n, to: 2))
        try w.insert(TeamGrant(patientID: id(n), teamID: id(team), grantedBy: fingerprint(1), grantedAt: time))
        try w.insert(PendingRekey(patientID: id(n), reason: "opposition", queuedAt: time))
        try w.insert(policyEvent(n &+ 100, patient: n))
        try w.insert(recordVersion(record: n &+ 50, patient: n, segments: 2))
        for index in 0..<2 {
            try w.insert(RecordSegment(recordID: id(n &+ 50), version: 1, index: index, ciphertext: blob(UInt8(index))))
        }
    }

    /// Professional 1 (admin), vault key version 1 and team `team`.
    static func base(_ w: any VaultWriting, team n: UInt8 = 0x70) throws {
        try w.insert(professional(1, role: .admin))
        try w.insert(vaultKeyVersion(1))
        try w.insert(team(n))
    }
}
