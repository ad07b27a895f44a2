import Foundation
import VaultCrypto
import VaultStore

/// The escrow copy every patient key has (DESIGN §3), in two stages (docs/KEYS.md): a
/// professional creating a patient *deposits* the key, sealed to the current vault key
/// version's deposit key; an administrator's next session *settles* deposits into copies
/// wrapped under the vault key itself, which is what rotation rewraps.
enum Escrow {
    /// First byte of a deposit; a settled copy starts with the key-wrap format byte.
    static let depositMarker: UInt8 = 0x44
    static let depositPurpose = "escrow deposit"

    static func isDeposit(_ escrow: EscrowKey) -> Bool { escrow.wrappedKey.first == depositMarker }

    /// Deposits `key` (patient key `keyVersion` of `patientID`) in the writer's transaction.
    static func deposit(_ key: SecretBytes, patientID: [UInt8], keyVersion: Int, vaultID: [UInt8],
                        in writer: any VaultWriting) throws {
        guard let current = try writer.vaultKeyVersions().last(where: { $0.retiredAt == nil }),
              let publicKey = current.depositPublicKey else { throw VaultError.keyDoesNotOpen("escrow deposit key") }
        let sealed = try SealedKey(sealing: key, to: RSAPublicKey(subjectPublicKeyInfo: publicKey), purpose: depositPurpose,
                                   context: KeyContext.escrow(vaultID: vaultID, patientID: patientID, keyVersion: keyVersion,
                                                              vaultKeyVersion: current.version))
        try writer.insert(EscrowKey(patientID: patientID, keyVersion: keyVersion, vaultKeyVersion: current.version,
                                    wrappedKey: [depositMarker] + sealed.encoded))
    }

    /// A new vault key version's row: its deposit key pair, the private half wrapped under `vaultKey`.
    static func keyVersion(_ version: Int, vaultKey: SecretBytes, vaultID: [UInt8], at time: Date) throws -> VaultKeyVersion {
        let deposit = try RSAPrivateKey.generate(bits: 2048)
        return VaultKeyVersion(version: version, createdAt: time, depositPublicKey: deposit.publicKey.subjectPublicKeyInfo,
                               wrappedDepositPrivateKey: try KeyWrap.wrap(deposit.derEncoded(), with: vaultKey,
                                                                          context: KeyContext.depositKey(vaultID: vaultID, vaultKeyVersion: version)))
    }

    /// Settles every deposit made under `version` into a copy wrapped under `vaultKey`;
    /// returns how many. Works in batches, each its own transaction, so it can be interrupted.
    static func settle(version: VaultKeyVersion, vaultKey: SecretBytes, vaultID: [UInt8], store: any VaultStore) throws -> Int {
        guard let wrapped = version.wrappedDepositPrivateKey else { return 0 }
        let depositKey = try RSAPrivateKey(derEncoded: KeyWrap.unwrap(
            wrapped, with: vaultKey, context: KeyContext.depositKey(vaultID: vaultID, vaultKeyVersion: version.version)))
        let deposits = try store.read { try $0.escrowKeys(vaultKeyVersion: version.version, limit: Int.max) }.filter(isDeposit)
        for start in stride(from: 0, to: deposits.count, by: 500) {
            let batch = deposits[start..<min(start + 500, deposits.count)]
            try store.write { writer in
                for deposit in batch {
                    let context = KeyContext.escrow(vaultID: vaultID, patientID: deposit.patientID, keyVersion: deposit.keyVersion,
                                                    vaultKeyVersion: version.version)
                    let key = try SealedKey(encoded: Array(deposit.wrappedKey.dropFirst()), purpose: depositPurpose)
                        .open(purpose: depositPurpose, context: context, decipher: depositKey.decryptPKCS1)
                    var copy = deposit
                    copy.wrappedKey = try KeyWrap.wrap(key, with: vaultKey, context: context)
                    try writer.updateEscrowKey(copy)
                }
            }
        }
        return deposits.count
    }

    /// Opens a settled escrow copy with the vault key.
    static func open(_ escrow: EscrowKey, vaultKey: SecretBytes, vaultID: [UInt8]) throws -> SecretBytes {
        guard !isDeposit(escrow) else { throw VaultError.keyDoesNotOpen("escrow copy (not settled yet)") }
        return try KeyWrap.unwrap(escrow.wrappedKey, with: vaultKey,
                                  context: KeyContext.escrow(vaultID: vaultID, patientID: escrow.patientID,
                                                             keyVersion: escrow.keyVersion, vaultKeyVersion: escrow.vaultKeyVersion))
    }
}
