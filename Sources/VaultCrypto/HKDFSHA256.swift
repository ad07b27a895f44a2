/// HKDF-SHA256 (RFC 5869: extract, then expand), written as RFC 5869 defines it on the
/// HMAC-SHA256 of `HMACSHA256Context` (`COpenSSL_HKDF_SHA256`). OpenSSL 3.0's `EVP_KDF` HKDF
/// contexts cannot be duplicated, so going through it meant fetching SHA-256 by name for every
/// derivation, which cost more than the derivation; the RFC 5869 vectors check this one.
public enum HKDFSHA256 {
    /// The most bytes one derivation can produce (255 blocks of 32 bytes).
    public static let maximumOutputByteCount = 255 * 32

    /// `outputByteCount` bytes of key material derived from `inputKeyMaterial`; an empty `salt`
    /// means 32 zero bytes, as RFC 5869 specifies. `info` binds the purpose of the derived key.
    public static func deriveKey(
        from inputKeyMaterial: SecretBytes, salt: [UInt8], info: [UInt8], outputByteCount: Int
    ) throws(CryptoError) -> SecretBytes {
        try deriveKey(from: inputKeyMaterial, salt: salt, info: info, outputByteCount: outputByteCount, on: HMACSHA256Context())
    }

    /// `deriveKey` computing its HMACs on `hmac`, which the caller may go on using.
    static func deriveKey(
        from inputKeyMaterial: SecretBytes, salt: [UInt8], info: [UInt8], outputByteCount: Int, on hmac: HMACSHA256Context
    ) throws(CryptoError) -> SecretBytes {
        guard (1...maximumOutputByteCount).contains(outputByteCount) else {
            throw .invalidOutputLength(operation: "HKDF-SHA256", requested: outputByteCount, maximum: maximumOutputByteCount)
        }
        return SecretBytes(count: outputByteCount) { output in
            hmac.deriveKey(into: output, from: inputKeyMaterial, salt: salt, info: info)
        }
    }
}
