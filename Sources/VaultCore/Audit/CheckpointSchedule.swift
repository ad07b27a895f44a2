/// When a card signs the audit head while its session serves request after request (the
/// agent): once `entries` entries wait unsigned, or once the oldest of them has waited
/// `interval`, whichever comes first; and when the session ends, only if something is unsigned.
/// So a request never waits for a card signature, and no entry stays unsigned longer than
/// `interval` or behind more than `entries` others while the session runs.
///
/// The schedule decides; `VaultSession.signAuditCheckpointIfDue` signs.
public struct CheckpointSchedule: Sendable, Equatable {
    /// The longest an entry waits for a signature while the session runs.
    public var interval: Duration
    /// The most entries that wait unsigned while the session runs (at least 1).
    public var entries: Int64

    public init(interval: Duration, entries: Int64) {
        self.interval = interval
        self.entries = max(entries, 1)
    }

    /// A signature at most every minute or every thousand entries: about what a busy
    /// workstation audits in a minute, so a card signs about once a minute while it works.
    public static let standard = CheckpointSchedule(interval: .seconds(60), entries: 1000)

    /// Whether a checkpoint is due at `now` with `unsigned` entries after the newest signed
    /// one, the oldest of them first seen at `waitingSince`.
    public func isDue(unsigned: Int64, waitingSince: ContinuousClock.Instant?, now: ContinuousClock.Instant) -> Bool {
        guard unsigned > 0 else { return false }
        guard let waitingSince else { return unsigned >= entries }
        return unsigned >= entries || now - waitingSince >= interval
    }

    /// When a checkpoint falls due if nothing more is written: nil when nothing waits.
    public func deadline(waitingSince: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        waitingSince.map { $0 + interval }
    }
}
