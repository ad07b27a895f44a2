import COpenSSL

/// One RSA operation with PKCS#1 v1.5 padding through an `EVP_PKEY_CTX`, with no digest set:
/// the caller supplies the exact bytes to pad (a DigestInfo to sign, a key to encrypt).
struct PKCS1Operation: Sendable {
    typealias Transform = @Sendable (
        OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<Int>?, UnsafePointer<UInt8>?, Int
    ) -> Int32

    /// How errors name the operation.
    let name: String
    let initialise: @Sendable (OpaquePointer?) -> Int32
    let transform: Transform
    /// The OpenSSL padding mode: PKCS#1 v1.5, or none for the raw RSA operation.
    var padding: Int32 = RSA_PKCS1_PADDING

    static let sign = PKCS1Operation(name: "PKCS#1 v1.5 signing", initialise: EVP_PKEY_sign_init, transform: EVP_PKEY_sign)
    static let encrypt = PKCS1Operation(name: "PKCS#1 v1.5 encryption", initialise: EVP_PKEY_encrypt_init, transform: EVP_PKEY_encrypt)
    static let decrypt = PKCS1Operation(name: "PKCS#1 v1.5 decryption", initialise: EVP_PKEY_decrypt_init, transform: EVP_PKEY_decrypt)
    /// The bare private-key operation (m^d mod n) on a block as long as the modulus, padding left to the caller.
    static let rawPrivate = PKCS1Operation(name: "raw RSA private operation", initialise: EVP_PKEY_decrypt_init,
                                           transform: EVP_PKEY_decrypt, padding: RSA_NO_PADDING)

    /// The largest input PKCS#1 v1.5 padding (type 1 or 2) leaves room for in a modulus of `modulusByteCount` bytes.
    static func maximumInputCount(modulusByteCount: Int) -> Int { modulusByteCount - 11 }

    /// Runs the operation with `key` over `input` into `output`; returns how many bytes were written.
    func run(key: OpaquePointer, input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws(CryptoError) -> Int {
        try Self.withContext(key: key, name: name, initialise: initialise, padding: padding) { (context) throws(CryptoError) in
            var written = output.count
            guard transform(context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &written,
                            input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count) == 1 else {
                throw .operationFailed(operation: name, openSSL: OpenSSLErrorQueue.drain())
            }
            return written
        }
    }

    /// Lends `body` a context for `key`, initialised by `initialise` and set to `padding`
    /// (PKCS#1 v1.5 unless said otherwise).
    static func withContext<R>(
        key: OpaquePointer, name: String, initialise: (OpaquePointer?) -> Int32, padding: Int32 = RSA_PKCS1_PADDING,
        _ body: (OpaquePointer) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        guard let context = EVP_PKEY_CTX_new(key, nil) else {
            throw .operationFailed(operation: name, openSSL: OpenSSLErrorQueue.drain())
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard initialise(context) == 1, EVP_PKEY_CTX_set_rsa_padding(context, padding) == 1 else {
            throw .operationFailed(operation: name, openSSL: OpenSSLErrorQueue.drain())
        }
        return try body(context)
    }
}
