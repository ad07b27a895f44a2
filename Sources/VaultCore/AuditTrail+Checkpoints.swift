import Foundation
import Synchronization
import VaultStore

/// What a session knows of the audit entries its card has not signed yet.
struct UnsignedEntries: Sendable {
    /// The newest sequence number under a signed checkpoint, as far as this session knows: its
    /// own signatures, and the newest checkpoint in the log when it first looked.
    var signedThrough: Int64?
    /// When this session first saw entries after `signedThrough`; nil when it saw none.
    var waitingSince: ContinuousClock.Instant?
}

extension AuditTrail {
    /// Has the card sign the audit head when `schedule` says a checkpoint is due at `now`;
    /// returns whether it signed. Between requests, never during one: a request does not wait
    /// for the card. Entries written after the last checkpoint of a session whose card was
    /// pulled are covered by this one, since a checkpoint signs the whole chain up to its head.
    @discardableResult
    public func signAuditCheckpointIfDue(_ schedule: CheckpointSchedule, now: ContinuousClock.Instant = .now) throws -> Bool {
        let unsigned = try unsignedEntryCount(now: now)
        let waitingSince = session.unsignedEntries.withLock { $0.waitingSince }
        guard schedule.isDue(unsigned: unsigned, waitingSince: waitingSince, now: now) else { return false }
        try signAuditCheckpoint()
        return true
    }

    /// When the next checkpoint falls due under `schedule` if nothing more is written; nil
    /// when this session knows of nothing unsigned.
    public func nextCheckpoint(_ schedule: CheckpointSchedule) -> ContinuousClock.Instant? {
        schedule.deadline(waitingSince: session.unsignedEntries.withLock { $0.waitingSince })
    }

    /// The entries after the newest checkpoint this session knows of, noting when it first saw
    /// some waiting.
    func unsignedEntryCount(now: ContinuousClock.Instant) throws -> Int64 {
        let known = session.unsignedEntries.withLock { $0.signedThrough }
        let (head, newest) = try vault.store.read { reader in
            (try reader.lastAuditEntry()?.sequence ?? 0,
             known == nil ? try reader.auditCheckpoints().map(\.sequence).max() ?? 0 : known)
        }
        return session.unsignedEntries.withLock { state in
            let signed = max(state.signedThrough ?? 0, newest ?? 0)
            state.signedThrough = signed
            let unsigned = max(head - signed, 0)
            if unsigned == 0 {
                state.waitingSince = nil
            } else if state.waitingSince == nil {
                state.waitingSince = now
            }
            return unsigned
        }
    }

    /// Notes that the card signed the chain up to `sequence`.
    func noteSigned(through sequence: Int64) {
        session.unsignedEntries.withLock { state in
            state.signedThrough = max(state.signedThrough ?? 0, sequence)
            state.waitingSince = nil
        }
    }
}
