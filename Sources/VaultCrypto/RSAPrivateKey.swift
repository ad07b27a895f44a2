import COpenSSL

/// An RSA private key in memory, doing what a CPS card does with its own key: PKCS#1 v1.5
/// signatures over a caller-built DigestInfo and PKCS#1 v1.5 decryption. Used by the card
/// simulator and tests; real card keys never leave the card.
///
/// Immutable; OpenSSL allows concurrent operations on one key, each with its own context.
public final class RSAPrivateKey: @unchecked Sendable {
    private let key: OpaquePointer
    /// The modulus length in bytes (256 for RSA 2048).
    public let modulusByteCount: Int
    /// The matching public key.
    public let publicKey: RSAPublicKey

    /// Decodes an unencrypted PEM RSA private key (PKCS#8 "PRIVATE KEY" or traditional "RSA PRIVATE KEY").
    public convenience init(pemEncoded: [UInt8]) throws(CryptoError) {
        try self.init(pemEncoded: pemEncoded, source: "the PEM data")
    }

    /// Reads an unencrypted PEM RSA private key from `path`; errors name the file.
    public convenience init(contentsOfPEMFile path: String) throws(CryptoError) {
        var pem = try PEMFile.contents(of: path)
        defer { pem.cleanse() }
        try self.init(pemEncoded: pem, source: "'\(path)'")
    }

    /// A fresh key of `bits` bits (2048 or more), for keys the vault itself holds (escrow deposits).
    public static func generate(bits: Int) throws(CryptoError) -> RSAPrivateKey {
        guard bits >= 2048, let key = COpenSSL_RSA_generate(UInt32(bits)) else {
            throw .operationFailed(operation: "RSA key generation", openSSL: OpenSSLErrorQueue.drain(fallback: "no key generated"))
        }
        return try RSAPrivateKey(owning: key, source: "a generated key")
    }

    /// Decodes a DER private key (PKCS#1 or PKCS#8, unencrypted), as `derEncoded` gives it.
    public convenience init(derEncoded: SecretBytes) throws(CryptoError) {
        let decoded = derEncoded.withUnsafeBytes { raw -> OpaquePointer? in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            return d2i_AutoPrivateKey(nil, &cursor, raw.count)
        }
        guard let decoded else {
            throw .invalidPrivateKey(source: "the DER data", openSSL: OpenSSLErrorQueue.drain(fallback: "not a DER private key"))
        }
        try self.init(owning: decoded, source: "the DER data")
    }

    /// The key in DER (PKCS#1 RSAPrivateKey), in a wiped buffer.
    public func derEncoded() throws(CryptoError) -> SecretBytes {
        let length = i2d_PrivateKey(key, nil)
        guard length > 0 else {
            throw .operationFailed(operation: "private key encoding", openSSL: OpenSSLErrorQueue.drain(fallback: "cannot encode"))
        }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PrivateKey(key, &cursor)
        }
        guard written == length else {
            bytes.cleanse()
            throw .operationFailed(operation: "private key encoding", openSSL: OpenSSLErrorQueue.drain(fallback: "cannot encode"))
        }
        return SecretBytes(wipingAfterCopy: &bytes)
    }

    private init(owning key: OpaquePointer, source: String) throws(CryptoError) {
        do {
            publicKey = try RSAPublicKey(key: key, source: source)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        self.key = key
        modulusByteCount = publicKey.modulusByteCount
    }

    private convenience init(pemEncoded: [UInt8], source: String) throws(CryptoError) {
        // A passphrase callback that supplies none: an encrypted key fails instead of prompting.
        let decoded = try PEMFile.withMemoryBIO(pemEncoded) { bio in
            PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil)
        }
        guard let key = decoded ?? nil else {
            throw .invalidPrivateKey(source: source, openSSL: OpenSSLErrorQueue.drain(fallback: "no PEM private key found"))
        }
        try self.init(owning: key, source: source)
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// PKCS#1 v1.5 type-1 signature over bytes the caller already encoded (normally a DigestInfo):
    /// what a card's INTERNAL AUTHENTICATE, PSO CDS and PKCS#11 `CKM_RSA_PKCS` do.
    /// Input longer than `modulusByteCount - 11` throws.
    public func signPKCS1(encodedDigestInfo: [UInt8]) throws(CryptoError) -> [UInt8] {
        let operation = PKCS1Operation.sign
        let maximum = PKCS1Operation.maximumInputCount(modulusByteCount: modulusByteCount)
        guard encodedDigestInfo.count <= maximum else {
            throw .inputTooLong(operation: operation.name, count: encodedDigestInfo.count, maximum: maximum)
        }
        var signature = [UInt8](repeating: 0, count: modulusByteCount)
        let written = try encodedDigestInfo.withBytes { (input) throws(CryptoError) in
            try signature.withMutableBytes { (output) throws(CryptoError) in
                try operation.run(key: key, input: input, output: output)
            }
        }
        return Array(signature.prefix(written))
    }

    /// Raw RSA private operation followed by PKCS#1 v1.5 type-2 unpadding: what a card's PSO
    /// DECIPHER does. Every failure throws the same `CryptoError.decryptionFailed`, with no detail
    /// that could serve as a padding oracle.
    public func decryptPKCS1(_ cryptogram: [UInt8]) throws(CryptoError) -> SecretBytes {
        try privateOperation(.decrypt, on: cryptogram)
    }

    /// The raw RSA private operation on a block exactly as long as the modulus, with no padding
    /// added or removed: what a card does when the host pads (a ChipDoc card's PSO DECIPHER,
    /// used both to sign a host-padded block and to decipher). Fails with
    /// `CryptoError.decryptionFailed`, without detail, for a block of the wrong length or value.
    public func rawPrivateOperation(_ block: [UInt8]) throws(CryptoError) -> SecretBytes {
        try privateOperation(.rawPrivate, on: block)
    }

    private func privateOperation(_ operation: PKCS1Operation, on input: [UInt8]) throws(CryptoError) -> SecretBytes {
        guard input.count == modulusByteCount else { throw .decryptionFailed }
        var output = [UInt8](repeating: 0, count: modulusByteCount)
        defer { output.cleanse() }
        do {
            let written = try input.withBytes { (source) throws(CryptoError) in
                try output.withMutableBytes { (destination) throws(CryptoError) in
                    try operation.run(key: key, input: source, output: destination)
                }
            }
            return SecretBytes(copying: output.prefix(written))
        } catch {
            OpenSSLErrorQueue.discard()
            throw .decryptionFailed
        }
    }
}
