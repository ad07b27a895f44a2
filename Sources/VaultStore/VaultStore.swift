/// Where a vault keeps its ciphertext, wrapped keys, certificates and audit chain, exactly as
/// given; it knows nothing of cards or cryptography.
///
/// Each `read` sees one consistent snapshot; each `write` is one serializable transaction that
/// is all-or-nothing and durable when it returns. The `VaultReading`/`VaultWriting` handed to a
/// body is valid only inside it; do not nest calls. Errors from the storage are
/// `VaultStoreError`; errors thrown by the body pass through unchanged, after rolling back.
public protocol VaultStore: Sendable {
    /// Runs `body` on a consistent snapshot of the vault and returns its result.
    func read<T>(_ body: (any VaultReading) throws -> T) throws -> T
    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    @discardableResult
    func write<T>(_ body: (any VaultWriting) throws -> T) throws -> T
    /// Makes what earlier writes deleted unrecoverable from the store's files, so that destroyed
    /// keys are gone and not merely unlinked (for SQLite, whose deleted pages are overwritten,
    /// a checkpoint that truncates the write-ahead log).
    func discardDeletedContent() throws
}
