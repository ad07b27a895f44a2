import Foundation
import VaultCore
import VaultCrypto
import VaultStore

extension Administration {
    /// Adds `count` placeholder patients whose only content is a fresh patient key escrowed
    /// under the newest live vault key version (random ids, random blind indexes, random bytes
    /// for the identity, no grant, no record), written `batch` at a time, each batch one
    /// transaction. For measuring and testing key rotation at the scale of a large vault
    /// without creating each patient through a professional's session (each such patient's
    /// escrow deposit is RSA-sealed, and settling a million deposits is a million RSA
    /// decryptions).
    /// Administrators only (`administerKeys`); audited once as `fixture.patients`, after the last
    /// batch, in a transaction of its own. The vault key is opened with this session's card once.
    /// A vault that holds such patients is a fixture, not a vault to keep; the command line,
    /// which does not link VaultFixtures, never makes one.
    public func addEscrowedPlaceholderPatients(count: Int, batch: Int = 10_000) throws {
        let admission = try admit(.administerKeys, as: .fixturePatients)
        guard let newest = try liveVaultKeyVersions().last else { throw VaultError.keyDoesNotOpen("vault key (no version is live)") }
        let vaultKey = try openVaultKey(newest)
        let now = Date()
        for start in stride(from: 0, to: count, by: max(batch, 1)) {
            try vault.store.write { writer in
                for _ in start..<min(start + max(batch, 1), count) {
                    let patientID = try SecureRandom.bytes(count: 16)
                    try writer.insert(Patient(patientID: patientID, blindIndex: try SecureRandom.bytes(count: 32),
                                              identity: try SecureRandom.bytes(count: 96), currentKeyVersion: 1, createdAt: now))
                    try writer.insert(vaultKey.escrowCopy(of: try SecretBytes(randomCount: 32), patientID: patientID, keyVersion: 1))
                }
            }
        }
        try vault.audit(admission.granted("\(count) placeholder patients escrowed under v\(newest.version)"))
    }
}
