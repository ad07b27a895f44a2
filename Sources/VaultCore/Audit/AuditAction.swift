/// Every act the audit log names: the raw value is the stable name written to the log (and
/// hashed into its chain, docs/FORMAT.md), the same whether the act was granted, refused or
/// failed. A name never changes once published; a new act gets a new case.
public enum AuditAction: String, Sendable, Hashable, CaseIterable, Codable {
    // The vault and card sessions.
    case vaultInit = "vault.init"
    case sessionAuthenticate = "session.authenticate"
    case sessionOpen = "session.open"

    // Patients and their records.
    case patientCreate = "patient.create"
    case patientList = "patient.list"
    case patientFind = "patient.find"
    case patientEndHosting = "patient.end-hosting"
    case patientGraveDiagnosis = "patient.graveDiagnosis"
    case patientRelativesObjection = "patient.relativesObjection"
    case patientHeirObjection = "patient.heirObjection"
    case patientDeceased = "patient.deceased"
    case patientRestitutionRequest = "patient.restitutionRequest"
    case recordAdd = "record.add"
    case recordRead = "record.read"
    case recordList = "record.list"
    case recordHistory = "record.history"

    // Sharing: grants, care teams, consent and opposition.
    case grantAdd = "grant.add"
    case grantRevoke = "grant.revoke"
    case grantReceive = "grant.receive"
    case teamGrant = "team.grant"
    case teamGrantSync = "team.grant.sync"
    case teamRevoke = "team.revoke"
    case consentRecord = "consent.record"
    case consentWithdraw = "consent.withdraw"
    case oppositionRecord = "opposition.record"
    case releaseRelatives = "release.relatives"
    case releaseHeirs = "release.heirs"

    // Exports.
    case exportRestitution = "export.restitution"
    case exportStudy = "export.study"
    case exportAggregate = "export.aggregate"

    // The log itself.
    case auditShow = "audit.show"
    case auditCheckpoint = "audit.checkpoint"
    /// The digest of a set of rows that decides access, stated by the write that changed them.
    case bindingState = "binding.state"

    // The host's administration.
    /// A session asked for the administration services; refused unless it is an administrator's.
    case adminSession = "admin.session"
    case professionalEnrol = "professional.enrol"
    case professionalRemove = "professional.remove"
    case adminRemove = "admin.remove"
    case teamCreate = "team.create"
    case teamMemberAdd = "team.member.add"
    case teamMemberRemove = "team.member.remove"
    case adminStatus = "admin.status"
    case adminRotate = "admin.rotate"
    case adminRetire = "admin.retire"
    case adminRekey = "admin.rekey"
    case adminShred = "admin.shred"
    case adminTwoPerson = "admin.two-person"
    case adminRecoveryCertificate = "admin.recovery-certificate"
    case adminRecover = "admin.recover"
    case adminApprove = "admin.approve"
    case escrowSettle = "escrow.settle"
    /// Placeholder patients escrowed in bulk by VaultFixtures, in the benchmarks' vaults only.
    case fixturePatients = "fixture.patients"
}
