/// The audit log as a session sees it: the entries it may read, and the checkpoints its card
/// signs over the log's tree.
public struct AuditTrail: SessionService {
    package let session: VaultSession
}

extension VaultSession {
    /// The audit log, read and signed by this session's card.
    public var auditTrail: AuditTrail { AuditTrail(session: self) }
}
