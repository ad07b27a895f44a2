/// What went wrong in the vault, with what to do about it. No case carries patient data, a
/// key or a PIN.
public enum VaultError: Error, CustomStringConvertible, Equatable, Sendable {
    case keyDoesNotOpen(String)
    case notInitialized(path: String)
    case alreadyInitialized(path: String)
    case notEnrolled(nationalID: String)
    case notAnAdmin(nationalID: String)
    case alreadyEnrolled(nationalID: String)
    case accessDenied(code: String, reason: String)
    case noSuchPatient
    case noSuchRecord
    case noSuchTeam
    /// Text given as an identifier of this kind is not one (wrong length, not hexadecimal, empty).
    case malformedIdentifier(IdentifierKind)
    case duplicatePatient
    case sessionEnded
    case malformedIdentity(String)
    case malformedContentType(String)
    case recordTampered(recordID: RecordID)
    /// Something that decides access or finds patients was changed outside the vault.
    case tampered(String)
    case noSuchAuditEntry(Int64)
    case noSignedTreeHead(Int64)
    case secondAdministratorNeeded(action: String, reason: String)
    case vaultKeyInUse(version: Int, patientKeys: Int)
    case currentVaultKey(version: Int)
    case lastAdministrator(nationalID: String)
    case tooFewAdministrators(holding: Int)
    case noRecoveryCertificate
    case wrongRecoveryKey
    /// Another command changed what this one was working on (another administrator's rekey).
    case changedMeanwhile(String)

    public var description: String {
        switch self {
        case .keyDoesNotOpen(let what):
            "The \(what) does not open with this card: it was sealed to another card, or the vault was tampered with. Use the card it was made for; if it is, report the vault for inspection."
        case .notInitialized(let path):
            "There is no vault at \(path): create one with `cpsvault init`, or name the right one with --vault."
        case .alreadyInitialized(let path):
            "A vault already exists at \(path): nothing was changed."
        case .notEnrolled(let id):
            "The card holder \(id) is not enrolled in this vault: an administrator must enrol them (`cpsvault professional enrol`)."
        case .notAnAdmin(let id):
            "The card holder \(id) is not an administrator of this vault: use an enrolled administrator's card."
        case .alreadyEnrolled(let id):
            "\(id) is already enrolled in this vault: nothing was changed."
        case .accessDenied(let code, let reason):
            "Refused (\(code)): \(reason) The attempt was recorded in the audit log."
        case .noSuchPatient:
            "No such patient among those you may open: check the identifier (`cpsvault patient list`)."
        case .noSuchRecord:
            "No such record for this patient: check the identifier (`cpsvault record list`)."
        case .noSuchTeam:
            "No such care team: check the identifier `cpsvault team create` printed."
        case .malformedIdentifier(let kind):
            "The text given is not a \(kind.noun): \(kind.byteCount * 2) hexadecimal digits expected, \(kind.whereShown). Nothing was done."
        case .duplicatePatient:
            "A patient with this INS already exists in the vault: open it instead of creating it again."
        case .sessionEnded:
            "The card session ended (the card left the reader or the session timed out): insert the card and start again; nothing was written."
        case .recordTampered(let recordID):
            "Record \(recordID) failed authentication: it was modified, truncated or moved in the database, so nothing more of it was released. Restore the vault from a backup and report the incident; the attempt is in the audit log."
        case .secondAdministratorNeeded(let action, let reason):
            "This vault's two-person rule needs a second administrator's card for \(action): \(reason). Have another enrolled administrator approve with their card (--approver-reader, or insert it when asked); nothing was changed."
        case .vaultKeyInUse(let version, let count):
            "Vault key v\(version) still wraps \(count) patient keys: finish the rotation with `cpsvault admin rotate`, then retire; nothing was retired."
        case .currentVaultKey(let version):
            "Vault key v\(version) is the current one and cannot be retired: rotate first with `cpsvault admin rotate`; nothing was retired."
        case .lastAdministrator(let id):
            "\(id) is the last administrator holding the vault key: enrol another administrator first; nothing was changed."
        case .tooFewAdministrators(let holding):
            "The two-person rule needs at least two administrators holding the vault key, and \(holding) does: enrol a second administrator first (`cpsvault professional enrol --admin`); the rule stays off."
        case .noRecoveryCertificate:
            "This vault has no recovery certificate the vault key is sealed to, so it cannot be recovered offline: set one with `cpsvault admin recovery-certificate` while an administrator card works."
        case .wrongRecoveryKey:
            "This key does not open the vault key: it is not the private key of the vault's recovery certificate (see `cpsvault admin status`); nothing was changed."
        case .changedMeanwhile(let what):
            "Another command changed \(what) while this one ran: run it again; nothing was written by this step."
        case .tampered(let what):
            "The vault was tampered with: \(what). Nothing was shown or written; restore the vault from a backup and report the incident. The attempt is in the audit log."
        case .noSuchAuditEntry(let sequence):
            "There is no audit entry \(sequence) in this vault: `cpsvault audit show` lists them."
        case .noSignedTreeHead(let sequence):
            "No signed tree head covers audit entry \(sequence) yet: have a card sign one with `cpsvault audit checkpoint`, then ask again."
        case .malformedIdentity(let reason):
            "The patient identity is not valid: \(reason). Correct it; nothing was written."
        case .malformedContentType(let reason):
            "The content type is not a MIME type: \(reason). Give one such as text/plain, application/pdf or application/fhir+json; nothing was written."
        }
    }
}
