import VaultStore

/// Binds the access facts of a vault written before they were bound (format version 1): one
/// write states the digest of every key's rows as they are, then the vault is at
/// `formatVersion`, and from there on every change is checked and stated (`BoundStore`). What
/// was changed outside the vault before this first statement cannot be told apart; the entries
/// already in the log stay as they were, verifiable as before.
enum BindingAdoption {
    /// The vault format version from which access facts are bound to the log.
    static let formatVersion = 2

    /// States every key's digest in `store` (written to directly, not through a `BoundStore`)
    /// unless its vault is already at `formatVersion`; safe to run from two workstations at once.
    static func adopt(_ store: any VaultStore) throws {
        try store.write { writer in
            guard var metadata = try writer.metadata(), metadata.formatVersion < formatVersion else { return }
            metadata.formatVersion = formatVersion
            try writer.setMetadata(metadata)
            for key in try BindingKey.all(in: writer) {
                let digest = try BindingState.digest(key, in: writer)
                if digest != BindingState.empty(keyName: key.name) {
                    try AuditLog.append(BindingRecord.statement(key, digest: digest), to: writer)
                }
            }
        }
    }
}
