import VaultStore

/// The vault's store as the domain writes to it: a write that changes rows deciding access
/// (`BindingKey`) first checks those rows against what the audit log last stated about them, so
/// that no write builds on a change made outside the vault, and states their new digest in the
/// log before it commits (`BindingRecord`). Reads pass through unchanged.
package final class BoundStore: VaultStore {
    /// The store itself, for the migration that states the digests of an existing vault.
    let unbound: any VaultStore

    init(_ store: any VaultStore) {
        unbound = store
    }

    package func read<T>(_ body: (any VaultReading) throws -> T) throws -> T {
        try unbound.read(body)
    }

    /// Runs `body` in one transaction as the store does; when it changed rows behind a key that
    /// were tampered with beforehand, nothing is written, the refusal is audited on its own and
    /// `VaultError.tampered` is thrown.
    @discardableResult
    package func write<T>(_ body: (any VaultWriting) throws -> T) throws -> T {
        var found: String?
        do {
            return try unbound.write { writer in
                let bound = BoundWriter(writer)
                defer { found = bound.tampering }
                let result = try body(bound)
                try bound.stateChangedKeys()
                return result
            }
        } catch let error as VaultError {
            if let found, error == .tampered(found) {
                try unbound.write { writer in
                    try AuditLog.append(AuditEvent(actorFingerprint: nil, actorNationalID: nil, action: .bindingState,
                                                   outcome: .refused, reason: "tampered: \(found)"), to: writer)
                }
            }
            throw error
        }
    }

    package func discardDeletedContent() throws {
        try unbound.discardDeletedContent()
    }
}
