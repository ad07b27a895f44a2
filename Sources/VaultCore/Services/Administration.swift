/// The vault's administration: enrolment and removal of professionals, care teams, the vault
/// key (escrow, rotation, retirement, rekeying, recovery certificate, two-person rule) and
/// crypto-shredding. Only an administrator's session has one; each operation still passes the
/// gate, which audits it.
public struct Administration: SessionService {
    package let session: VaultSession
}

extension VaultSession {
    /// The administration, for an administrator's session. Anyone else is refused with
    /// `VaultError.accessDenied`, and the refusal is audited as `admin.session`.
    public var administration: Administration {
        get throws {
            guard role == .admin else {
                try vault.audit(event(.adminSession, outcome: .refused, reason: AccessReason.administratorsOnly.code))
                throw VaultError.accessDenied(code: AccessReason.administratorsOnly.code,
                                              reason: AccessReason.administratorsOnly.explanation)
            }
            return Administration(session: self)
        }
    }
}
