import VaultCrypto

/// Keyed pseudonyms for one study (docs/EXPORTS.md): the study key is derived with HKDF-SHA256
/// from the vault's blind-index key, which every professional's session holds, salted with the
/// vault id and bound to the study id; a patient's pseudonym is HMAC-SHA256 of their opaque id
/// under that key, cut to 128 bits. So a patient has one pseudonym in a study whichever
/// physician exports them, and pseudonyms of two studies cannot be linked without the key.
struct StudyPseudonym {
    private let key: SecretBytes

    init(indexKey: SecretBytes, vaultID: [UInt8], study: String) throws {
        key = try HKDFSHA256.deriveKey(from: indexKey, salt: vaultID,
                                       info: Array("cpsvault study pseudonym v1\u{0}".utf8) + Array(study.utf8),
                                       outputByteCount: 32)
    }

    /// The patient's pseudonym in this study: 32 hexadecimal digits.
    func pseudonym(of patientID: [UInt8]) -> String {
        Array(HMACSHA256.authenticationCode(for: patientID, key: key).prefix(16)).hexString
    }
}
