import Foundation
import VaultStore

/// A write transaction that keeps track of the keys (`BindingKey`) whose rows it changes: the
/// first change to a key's rows checks them against the log, and `stateChangedKeys` states the
/// digest of each changed key at the end. Every other call goes to the store's transaction as is.
final class BoundWriter: VaultWriting {
    private let base: any VaultWriting
    /// The changed keys, in the order first changed.
    private var changed: [BindingKey] = []
    /// What the refusal says when rows about to be changed were found changed outside the log.
    private(set) var tampering: String?

    init(_ base: any VaultWriting) {
        self.base = base
    }

    /// Whether this transaction has changed the rows behind `key` (checked before the first change).
    func hasChanged(_ key: BindingKey) -> Bool {
        changed.contains(key)
    }

    /// Called before each change to the rows behind `key`.
    private func changing(_ key: BindingKey) throws {
        guard !changed.contains(key) else { return }
        do {
            try BindingRecord.check(key, in: base)
        } catch VaultError.tampered(let what) {
            tampering = what
            throw VaultError.tampered(what)
        }
        changed.append(key)
    }

    /// Appends, for each changed key whose digest differs from the one the log last stated, the
    /// entry stating the new one.
    func stateChangedKeys() throws {
        for key in changed {
            let digest = try BindingState.digest(key, in: base)
            if try BindingRecord.recordedDigest(key, in: base) != digest {
                try AuditLog.append(BindingRecord.statement(key, digest: digest), to: base)
            }
        }
    }

    // MARK: Changes that touch bound rows

    func setMetadata(_ metadata: VaultMetadata) throws { try changing(.vault); try base.setMetadata(metadata) }
    func insert(_ professional: Professional) throws {
        try changing(.professional(professional.fingerprint)); try base.insert(professional)
    }
    func update(_ professional: Professional) throws {
        try changing(.professional(professional.fingerprint)); try base.update(professional)
    }
    func insert(_ patient: Patient) throws { try changing(.patient(patient.patientID)); try base.insert(patient) }
    func update(_ patient: Patient) throws { try changing(.patient(patient.patientID)); try base.update(patient) }
    func insert(_ grant: Grant) throws { try changing(.patient(grant.patientID)); try base.insert(grant) }
    func insert(_ grant: PendingGrant) throws { try changing(.patient(grant.patientID)); try base.insert(grant) }
    func insert(_ member: TeamMember) throws { try changing(.professional(member.fingerprint)); try base.insert(member) }
    func insert(_ grant: TeamGrant) throws { try changing(.patient(grant.patientID)); try base.insert(grant) }
    func insert(_ event: PolicyEvent) throws { try changing(.patient(event.patientID)); try base.insert(event) }
    func deleteGrant(patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int) throws {
        try changing(.patient(patientID)); try base.deleteGrant(patientID: patientID, fingerprint: fingerprint, keyVersion: keyVersion)
    }
    func deletePendingGrant(patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int) throws {
        try changing(.patient(patientID))
        try base.deletePendingGrant(patientID: patientID, fingerprint: fingerprint, keyVersion: keyVersion)
    }
    func deleteTeamGrant(patientID: [UInt8], teamID: [UInt8]) throws {
        try changing(.patient(patientID)); try base.deleteTeamGrant(patientID: patientID, teamID: teamID)
    }
    func deleteTeamMember(teamID: [UInt8], fingerprint: [UInt8]) throws {
        try changing(.professional(fingerprint)); try base.deleteTeamMember(teamID: teamID, fingerprint: fingerprint)
    }
    func deleteKeys(patientID: [UInt8]) throws { try changing(.patient(patientID)); try base.deleteKeys(patientID: patientID) }
    func deleteRecords(patientID: [UInt8]) throws { try changing(.patient(patientID)); try base.deleteRecords(patientID: patientID) }

    // MARK: Changes to rows that decide nothing, passed on

    func deferReferenceChecks() throws { try base.deferReferenceChecks() }
    func insert(_ version: VaultKeyVersion) throws { try base.insert(version) }
    func insert(_ key: SealedVaultKey) throws { try base.insert(key) }
    func insert(_ key: EscrowKey) throws { try base.insert(key) }
    func insert(_ team: Team) throws { try base.insert(team) }
    func insert(_ version: RecordVersion) throws { try base.insert(version) }
    func insert(_ segment: RecordSegment) throws { try base.insert(segment) }
    func insert(_ checkpoint: AuditCheckpoint) throws { try base.insert(checkpoint) }
    func insert(_ rekey: PendingRekey) throws { try base.insert(rekey) }
    func updateEscrowKey(_ key: EscrowKey) throws { try base.updateEscrowKey(key) }
    func replaceEscrowKey(_ stored: EscrowKey, with rewrapped: EscrowKey) throws -> Bool {
        try base.replaceEscrowKey(stored, with: rewrapped)
    }
    func update(_ version: VaultKeyVersion) throws { try base.update(version) }
    func reseal(_ version: RecordVersion, segments reseal: (RecordSegment) throws -> [UInt8]) throws {
        try base.reseal(version, segments: reseal)
    }
    func resealPolicyEvent(eventID: [UInt8], payload: [UInt8]) throws { try base.resealPolicyEvent(eventID: eventID, payload: payload) }
    func deleteEscrowKey(patientID: [UInt8], keyVersion: Int) throws { try base.deleteEscrowKey(patientID: patientID, keyVersion: keyVersion) }
    func deleteSealedVaultKeys(version: Int) throws { try base.deleteSealedVaultKeys(version: version) }
    func deleteSealedVaultKeys(holderFingerprint: [UInt8]) throws { try base.deleteSealedVaultKeys(holderFingerprint: holderFingerprint) }
    func setRecoveryCertificate(_ certificate: RecoveryCertificate) throws { try base.setRecoveryCertificate(certificate) }
    func deletePendingRekey(patientID: [UInt8]) throws { try base.deletePendingRekey(patientID: patientID) }
    func appendAudit(time: Date, actorFingerprint: [UInt8]?, actorNationalID: String?, action: String, patientID: [UInt8]?,
                     outcome: String, reason: String, hash: [UInt8]) throws -> AuditEntry {
        try base.appendAudit(time: time, actorFingerprint: actorFingerprint, actorNationalID: actorNationalID, action: action,
                             patientID: patientID, outcome: outcome, reason: reason, hash: hash)
    }
    var integratesAuditOnAppend: Bool { base.integratesAuditOnAppend }
    func integrateAudit(
        limit: Int, extend: (_ tree: AuditTreeState, _ entries: [AuditEntry]) throws -> AuditTreeState
    ) throws -> AuditTreeState? {
        try base.integrateAudit(limit: limit, extend: extend)
    }

    // MARK: Queries, passed on

    func metadata() throws -> VaultMetadata? { try base.metadata() }
    func vaultKeyVersions() throws -> [VaultKeyVersion] { try base.vaultKeyVersions() }
    func sealedVaultKeys(version: Int) throws -> [SealedVaultKey] { try base.sealedVaultKeys(version: version) }
    func recoveryCertificate() throws -> RecoveryCertificate? { try base.recoveryCertificate() }
    func professional(fingerprint: [UInt8]) throws -> Professional? { try base.professional(fingerprint: fingerprint) }
    func professionals() throws -> [Professional] { try base.professionals() }
    func patient(id: [UInt8]) throws -> Patient? { try base.patient(id: id) }
    func patient(blindIndex: [UInt8]) throws -> Patient? { try base.patient(blindIndex: blindIndex) }
    func patients() throws -> [Patient] { try base.patients() }
    func escrowKeys(patientID: [UInt8]) throws -> [EscrowKey] { try base.escrowKeys(patientID: patientID) }
    func escrowKeys(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey] {
        try base.escrowKeys(vaultKeyVersion: vaultKeyVersion, limit: limit)
    }
    func escrowKeyCounts() throws -> [Int: Int] { try base.escrowKeyCounts() }
    func escrowDeposits(vaultKeyVersion: Int, limit: Int) throws -> [EscrowKey] {
        try base.escrowDeposits(vaultKeyVersion: vaultKeyVersion, limit: limit)
    }
    func escrowDepositCounts() throws -> [Int: Int] { try base.escrowDepositCounts() }
    func grants(patientID: [UInt8]) throws -> [Grant] { try base.grants(patientID: patientID) }
    func grants(fingerprint: [UInt8]) throws -> [Grant] { try base.grants(fingerprint: fingerprint) }
    func pendingGrants(fingerprint: [UInt8]) throws -> [PendingGrant] { try base.pendingGrants(fingerprint: fingerprint) }
    func pendingGrants(patientID: [UInt8]) throws -> [PendingGrant] { try base.pendingGrants(patientID: patientID) }
    func teams() throws -> [Team] { try base.teams() }
    func members(teamID: [UInt8]) throws -> [TeamMember] { try base.members(teamID: teamID) }
    func teamGrants(patientID: [UInt8]) throws -> [TeamGrant] { try base.teamGrants(patientID: patientID) }
    func teams(fingerprint: [UInt8]) throws -> [Team] { try base.teams(fingerprint: fingerprint) }
    func policyEvents(patientID: [UInt8]) throws -> [PolicyEvent] { try base.policyEvents(patientID: patientID) }
    func recordVersions(patientID: [UInt8]) throws -> [RecordVersion] { try base.recordVersions(patientID: patientID) }
    func recordVersions(recordID: [UInt8]) throws -> [RecordVersion] { try base.recordVersions(recordID: recordID) }
    func recordVersion(recordID: [UInt8], version: Int) throws -> RecordVersion? {
        try base.recordVersion(recordID: recordID, version: version)
    }
    func forEachSegment(recordID: [UInt8], version: Int, _ body: (RecordSegment) throws -> Void) throws {
        try base.forEachSegment(recordID: recordID, version: version, body)
    }
    func auditEntries(from sequence: Int64, limit: Int) throws -> [AuditEntry] { try base.auditEntries(from: sequence, limit: limit) }
    func lastAuditEntry() throws -> AuditEntry? { try base.lastAuditEntry() }
    func auditLeaves(from leafIndex: Int64, limit: Int) throws -> [AuditEntry] { try base.auditLeaves(from: leafIndex, limit: limit) }
    func unintegratedAuditEntries(after sequence: Int64, limit: Int) throws -> [AuditEntry] {
        try base.unintegratedAuditEntries(after: sequence, limit: limit)
    }
    func auditTree() throws -> AuditTreeState { try base.auditTree() }
    func auditCheckpoints() throws -> [AuditCheckpoint] { try base.auditCheckpoints() }
    func latestBinding(key: String) throws -> AuditEntry? { try base.latestBinding(key: key) }
    func latestBindings() throws -> [AuditEntry] { try base.latestBindings() }
    func pendingRekeys() throws -> [PendingRekey] { try base.pendingRekeys() }
}
