import COpenSSL

/// An RSA public key, held as its DER SubjectPublicKeyInfo: verifies card signatures and
/// encrypts (seals) keys to a card with PKCS#1 v1.5.
public struct RSAPublicKey: Sendable, Hashable {
    /// The DER SubjectPublicKeyInfo, as found in the key's certificate.
    public let subjectPublicKeyInfo: [UInt8]
    /// The modulus length in bytes (256 for RSA 2048): the length of every signature and cryptogram.
    public let modulusByteCount: Int

    /// Decodes a DER SubjectPublicKeyInfo; throws if it is malformed or not an RSA key.
    public init(subjectPublicKeyInfo der: [UInt8]) throws(CryptoError) {
        guard let key = DERCodec.decode(der, with: { d2i_PUBKEY(nil, $0, $1) }, free: EVP_PKEY_free) else {
            throw .invalidPublicKey(openSSL: OpenSSLErrorQueue.drain(fallback: "not a complete DER SubjectPublicKeyInfo"))
        }
        defer { EVP_PKEY_free(key) }
        try self.init(key: key, source: "the SubjectPublicKeyInfo")
    }

    /// The public half of `key` (an `EVP_PKEY`, not consumed); throws if it is not RSA.
    init(key: OpaquePointer, source: String) throws(CryptoError) {
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else {
            throw .unsupportedKeyType(source: source, found: EVP_PKEY_get0_type_name(key).map { String(cString: $0) } ?? "an unknown type")
        }
        guard let der = DERCodec.encode(with: { i2d_PUBKEY(key, $0) }) else {
            throw .invalidPublicKey(openSSL: OpenSSLErrorQueue.drain())
        }
        subjectPublicKeyInfo = der
        modulusByteCount = Int(EVP_PKEY_get_bits(key) + 7) / 8
    }

    /// Whether `signature` is this key's PKCS#1 v1.5 type-1 signature over exactly `encodedDigestInfo`.
    public func isValidPKCS1Signature(_ signature: [UInt8], over encodedDigestInfo: [UInt8]) -> Bool {
        let verified = try? withKey { (key) throws(CryptoError) in
            try PKCS1Operation.withContext(key: key, name: "PKCS#1 v1.5 verification", initialise: EVP_PKEY_verify_init) { context in
                EVP_PKEY_verify(context, signature, signature.count, encodedDigestInfo, encodedDigestInfo.count) == 1
            }
        }
        OpenSSLErrorQueue.discard()
        return verified ?? false
    }

    /// Encrypts `plaintext` (at most `modulusByteCount - 11` bytes) with PKCS#1 v1.5 type-2 random padding.
    public func encryptPKCS1(_ plaintext: SecretBytes) throws(CryptoError) -> [UInt8] {
        let operation = PKCS1Operation.encrypt
        let maximum = PKCS1Operation.maximumInputCount(modulusByteCount: modulusByteCount)
        guard plaintext.count <= maximum else {
            throw .inputTooLong(operation: operation.name, count: plaintext.count, maximum: maximum)
        }
        var cryptogram = [UInt8](repeating: 0, count: modulusByteCount)
        let written = try withKey { (key) throws(CryptoError) in
            try plaintext.withBytes { (input) throws(CryptoError) in
                try cryptogram.withMutableBytes { (output) throws(CryptoError) in
                    try operation.run(key: key, input: input, output: output)
                }
            }
        }
        return Array(cryptogram.prefix(written))
    }

    /// Lends `body` this key as an `EVP_PKEY`.
    private func withKey<R>(_ body: (OpaquePointer) throws(CryptoError) -> R) throws(CryptoError) -> R {
        guard let key = DERCodec.decode(subjectPublicKeyInfo, with: { d2i_PUBKEY(nil, $0, $1) }, free: EVP_PKEY_free) else {
            throw .invalidPublicKey(openSSL: OpenSSLErrorQueue.drain())
        }
        defer { EVP_PKEY_free(key) }
        return try body(key)
    }
}
