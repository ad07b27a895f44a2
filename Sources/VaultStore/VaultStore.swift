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
    /// Makes sure that what committed transactions deleted or overwrote (shredded ciphertext,
    /// destroyed keys) survives nowhere in the store's files, logs included, once it returns;
    /// throws if readers kept it from completing. Called outside `read` and `write`.
    func purgeDeletedContent() throws
}
