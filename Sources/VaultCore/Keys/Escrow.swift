import Foundation
import Synchronization
import VaultCrypto
import VaultStore

/// The escrow copy every patient key has (docs/DESIGN.md, Keys), in two stages (docs/KEYS.md): a
/// professional creating a patient *deposits* the key, sealed to the current vault key
/// version's deposit key; an administrator's next session *settles* deposits into copies
/// wrapped under the vault key itself, which is what rotation rewraps.
enum Escrow {
    static let depositPurpose = "escrow deposit"
    /// Rows rewritten per transaction when settling or rotating: large enough that commits do
    /// not dominate, small enough that other writers wait only briefly.
    static let batchSize = 2000

    /// Deposits `key` (patient key `keyVersion` of `patientID`) in the writer's transaction,
    /// under the newest vault key version that is not retired.
    static func deposit(_ key: SecretBytes, patientID: [UInt8], keyVersion: Int, vaultID: [UInt8],
                        in writer: any VaultWriting) throws {
        guard let current = try writer.vaultKeyVersions().last(where: { $0.retiredAt == nil }),
              let publicKey = current.depositPublicKey else { throw VaultError.keyDoesNotOpen("escrow deposit key") }
        let sealed = try SealedKey(sealing: key, to: RSAPublicKey(subjectPublicKeyInfo: publicKey), purpose: depositPurpose,
                                   context: KeyContext.escrow(vaultID: vaultID, patientID: patientID, keyVersion: keyVersion,
                                                              vaultKeyVersion: current.version))
        try writer.insert(EscrowKey(patientID: patientID, keyVersion: keyVersion, vaultKeyVersion: current.version,
                                    wrappedKey: [EscrowKey.depositMarker] + sealed.encoded))
    }

    /// A new vault key version's row: a fresh deposit key pair, its private half wrapped under
    /// `vaultKey`, and the blind-index key wrapped under it too.
    static func keyVersion(_ version: Int, vaultKey: SecretBytes, indexKey: SecretBytes, vaultID: [UInt8],
                           at time: Date) throws -> VaultKeyVersion {
        let deposit = try RSAPrivateKey.generate(bits: 2048)
        return VaultKeyVersion(
            version: version, createdAt: time, depositPublicKey: deposit.publicKey.subjectPublicKeyInfo,
            wrappedDepositPrivateKey: try KeyWrap.wrap(deposit.derEncoded(), with: vaultKey,
                                                       context: KeyContext.depositKey(vaultID: vaultID, vaultKeyVersion: version)),
            wrappedIndexKey: try KeyWrap.wrap(indexKey, with: vaultKey,
                                              context: KeyContext.indexKey(vaultID: vaultID, vaultKeyVersion: version)))
    }

    /// Settles every deposit made under `vaultKey`'s version into a copy wrapped under it and
    /// returns how many; in batches, each its own transaction, so it can be interrupted.
    static func settle(under vaultKey: OpenedVaultKey, store: any VaultStore) throws -> Int {
        var settled = 0
        while true {
            let count = try store.write { writer in
                let deposits = try writer.escrowDeposits(vaultKeyVersion: vaultKey.version.version, limit: batchSize)
                for deposit in deposits {
                    try writer.updateEscrowKey(vaultKey.escrowCopy(of: vaultKey.open(deposit), patientID: deposit.patientID,
                                                                   keyVersion: deposit.keyVersion))
                }
                return deposits.count
            }
            settled += count
            if count < batchSize { return settled }
        }
    }

    /// Moves up to one batch of escrow copies from `old`'s version to `target`'s and returns how
    /// many it read. The keys are rewrapped outside the write transaction, which then stores
    /// only the copies still under `old` (a shred or rekey may have removed some meanwhile), so
    /// other writers get the database between batches rather than waiting behind a long loop.
    static func move(batchFrom old: OpenedVaultKey, to target: OpenedVaultKey, store: any VaultStore) throws -> Int {
        let batch = try store.read { try $0.escrowKeys(vaultKeyVersion: old.version.version, limit: batchSize) }
        let rewrapped = try rewrap(batch, from: old, to: target)
        try store.write { writer in
            for (before, after) in zip(batch, rewrapped) {
                _ = try writer.replaceEscrowKey(before, with: after)
            }
        }
        return batch.count
    }

    /// The copies of `batch` rewrapped from `old`'s version to `target`'s, in order. A large
    /// batch is cut in one slice per processor, each rewrapped on its own thread with its own
    /// prepared keys: unwrapping and wrapping are a third of a rotation's time, and the store's
    /// writes cannot be spread.
    static func rewrap(_ batch: [EscrowKey], from old: OpenedVaultKey, to target: OpenedVaultKey) throws -> [EscrowKey] {
        let slices = min(ProcessInfo.processInfo.activeProcessorCount, batch.count / 256, 8)
        guard slices > 1 else { return try rewrap(batch[...], from: old, to: target) }
        let size = (batch.count + slices - 1) / slices
        let results = Mutex<[Int: Result<[EscrowKey], any Error>]>([:])
        let keys = (old: old.parts, target: target.parts)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (slice * size)..<min((slice + 1) * size, batch.count)
            let result = Result { try rewrap(batch[range], from: OpenedVaultKey(keys.old), to: OpenedVaultKey(keys.target)) }
            results.withLock { $0[slice] = result }
        }
        let done = results.withLock { $0 }
        return try (0..<slices).flatMap { try done[$0, default: .success([])].get() }
    }

    private static func rewrap(_ slice: ArraySlice<EscrowKey>, from old: OpenedVaultKey, to target: OpenedVaultKey) throws -> [EscrowKey] {
        try slice.map { try target.escrowCopy(of: old.open($0), patientID: $0.patientID, keyVersion: $0.keyVersion) }
    }
}
