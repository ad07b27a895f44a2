import VaultCrypto
import VaultStore

/// One vault key version opened by an administrator (or the recovery key): the key itself, and
/// what it unwraps: settled escrow copies, the deposit private key (opened on first use, since
/// deposits are rare), and the blind-index key.
package final class OpenedVaultKey {
    let version: VaultKeyVersion
    let key: SecretBytes
    let vaultID: [UInt8]
    private var depositKey: RSAPrivateKey?
    /// The key made ready for wrapping, set up on first use and kept (rotation and settling
    /// wrap thousands of copies under it).
    private var wrappingKey: KeyWrappingKey?

    init(version: VaultKeyVersion, key: SecretBytes, vaultID: [UInt8]) {
        self.version = version
        self.key = key
        self.vaultID = vaultID
    }

    /// What this opened key is made of, all `Sendable`: for opening it again on another thread,
    /// with cipher contexts of its own (`init(_:)`).
    var parts: (version: VaultKeyVersion, key: SecretBytes, vaultID: [UInt8]) { (version, key, vaultID) }

    /// The vault key of `parts`, with cipher contexts of its own.
    convenience init(_ parts: (version: VaultKeyVersion, key: SecretBytes, vaultID: [UInt8])) {
        self.init(version: parts.version, key: parts.key, vaultID: parts.vaultID)
    }

    /// The patient key an escrow copy made under this version holds, deposit or settled.
    func open(_ escrow: EscrowKey) throws -> SecretBytes {
        let context = KeyContext.escrow(vaultID: vaultID, patientID: escrow.patientID, keyVersion: escrow.keyVersion,
                                        vaultKeyVersion: escrow.vaultKeyVersion)
        guard escrow.vaultKeyVersion == version.version else { throw VaultError.keyDoesNotOpen("escrow copy") }
        guard escrow.isDeposit else { return try preparedKey().unwrap(escrow.wrappedKey, context: context) }
        return try SealedKey(encoded: Array(escrow.wrappedKey.dropFirst()), purpose: Escrow.depositPurpose)
            .open(purpose: Escrow.depositPurpose, context: context, decipher: try openedDepositKey().decryptPKCS1)
    }

    /// The settled escrow copy of `patientKey` under this version: the key wrapped under the vault
    /// key, bound to the vault, the patient, the patient key's version and this version.
    package func escrowCopy(of patientKey: SecretBytes, patientID: [UInt8], keyVersion: Int) throws -> EscrowKey {
        let context = KeyContext.escrow(vaultID: vaultID, patientID: patientID, keyVersion: keyVersion,
                                        vaultKeyVersion: version.version)
        return EscrowKey(patientID: patientID, keyVersion: keyVersion, vaultKeyVersion: version.version,
                         wrappedKey: try preparedKey().wrap(patientKey, context: context))
    }

    /// The blind-index key escrowed under this version, or nil for a version made before it was.
    func indexKey() throws -> SecretBytes? {
        try version.wrappedIndexKey.map {
            try KeyWrap.unwrap($0, with: key, context: KeyContext.indexKey(vaultID: vaultID, vaultKeyVersion: version.version))
        }
    }

    private func preparedKey() throws -> KeyWrappingKey {
        if let wrappingKey { return wrappingKey }
        let prepared = try KeyWrappingKey(key)
        wrappingKey = prepared
        return prepared
    }

    private func openedDepositKey() throws -> RSAPrivateKey {
        if let depositKey { return depositKey }
        guard let wrapped = version.wrappedDepositPrivateKey else { throw VaultError.keyDoesNotOpen(Escrow.depositPurpose) }
        let opened = try RSAPrivateKey(derEncoded: KeyWrap.unwrap(
            wrapped, with: key, context: KeyContext.depositKey(vaultID: vaultID, vaultKeyVersion: version.version)))
        depositKey = opened
        return opened
    }
}
