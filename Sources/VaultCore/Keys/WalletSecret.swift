import VaultCrypto

/// What a professional's card opens once per session: their wallet key, which unwraps the
/// patient keys granted to them, and the vault's blind-index key, which turns an INS into the
/// opaque value patients are looked up by. Sealed together to the card's certificate.
struct WalletSecret: Sendable {
    let walletKey: SecretBytes
    let indexKey: SecretBytes

    static let purpose = "wallet"

    init(walletKey: SecretBytes, indexKey: SecretBytes) {
        self.walletKey = walletKey
        self.indexKey = indexKey
    }

    /// Splits the 64 opened bytes.
    init(opened: SecretBytes) throws(VaultError) {
        guard opened.count == 64 else { throw .keyDoesNotOpen(Self.purpose) }
        (walletKey, indexKey) = opened.split(at: 32)
    }

    /// The 64 bytes to seal.
    var combined: SecretBytes {
        SecretBytes(concatenating: [walletKey, indexKey])
    }

    /// The blind index of a patient identifier: HMAC-SHA256 under the index key.
    func blindIndex(of identifier: String) -> [UInt8] {
        HMACSHA256.authenticationCode(for: Array("cpsvault INS v1\u{0}".utf8) + Array(identifier.utf8), key: indexKey)
    }
}
