extension Vault {
    /// Appends `events` in order in one transaction: for generating a large log to measure
    /// (cpsvault-bench). The product audits each act as it happens, through the gate.
    package func audit(_ events: [AuditEvent]) throws {
        try store.write { writer in
            for event in events { try AuditLog.append(event, to: writer) }
        }
    }
}
