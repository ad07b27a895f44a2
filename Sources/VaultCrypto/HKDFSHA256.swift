import COpenSSL

/// HKDF-SHA256 (RFC 5869: extract, then expand) through OpenSSL's `EVP_KDF`.
public enum HKDFSHA256 {
    /// The most bytes one derivation can produce (255 blocks of 32 bytes).
    public static let maximumOutputByteCount = 255 * 32

    /// `outputByteCount` bytes of key material derived from `inputKeyMaterial`; an empty `salt`
    /// means 32 zero bytes, as RFC 5869 specifies. `info` binds the purpose of the derived key.
    public static func deriveKey(
        from inputKeyMaterial: SecretBytes, salt: [UInt8], info: [UInt8], outputByteCount: Int
    ) throws(CryptoError) -> SecretBytes {
        let operation = "HKDF-SHA256"
        guard (1...maximumOutputByteCount).contains(outputByteCount) else {
            throw .invalidOutputLength(operation: operation, requested: outputByteCount, maximum: maximumOutputByteCount)
        }
        guard let kdf = EVP_KDF_fetch(nil, "HKDF", nil) else {
            throw .operationFailed(operation: operation, openSSL: OpenSSLErrorQueue.drain())
        }
        defer { EVP_KDF_free(kdf) }
        guard let context = EVP_KDF_CTX_new(kdf) else {
            throw .operationFailed(operation: operation, openSSL: OpenSSLErrorQueue.drain())
        }
        defer { EVP_KDF_CTX_free(context) }

        var output = [UInt8](repeating: 0, count: outputByteCount)
        let derived = inputKeyMaterial.withUnsafeBytes { key in
            salt.withUnsafeBytes { salt in
                info.withUnsafeBytes { info in
                    output.withUnsafeMutableBytes { output in
                        COpenSSL_EVP_KDF_derive_HKDF_SHA256(
                            context, key.bytes, key.count, salt.bytes, salt.count, info.bytes, info.count,
                            output.bytes, output.count)
                    }
                }
            }
        }
        guard derived == 1 else {
            output.cleanse()
            throw .operationFailed(operation: operation, openSSL: OpenSSLErrorQueue.drain())
        }
        return SecretBytes(wipingAfterCopy: &output)
    }
}
