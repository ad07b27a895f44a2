import VaultCore

/// Audit lines as the journal tables show them.
enum JournalRows {
    static func rows(_ lines: some Sequence<AuditLine>) -> [[String: Any]] {
        lines.map { line in
            ["sequence": line.sequence, "date": WebApp.shown(line.time), "actor": line.actor, "action": line.action,
             "outcome": line.outcome, "reason": line.reason]
        }
    }
}
