import COpenSSL

/// An AES-256-GCM key with one OpenSSL cipher context kept for its lifetime: each operation only
/// resets the nonce and direction, so the key schedule is computed once. 96-bit nonces, 128-bit tags.
///
/// Not `Sendable`: the context is mutable state. Use one instance per thread of work. The caller
/// guarantees that a nonce is never used twice with the same key.
public final class AESGCMKey {
    /// The key length in bytes.
    public static let keyByteCount = 32
    /// The nonce length in bytes.
    public static let nonceByteCount = 12
    /// The tag length in bytes, appended to every ciphertext.
    public static let tagByteCount = 16

    private let context: OpaquePointer

    /// Prepares a context for `key`, which must be exactly 32 bytes.
    public init(_ key: SecretBytes) throws(CryptoError) {
        guard key.count == Self.keyByteCount else {
            throw .invalidLength(of: "An AES-256-GCM key", expected: Self.keyByteCount, found: key.count)
        }
        guard let context = EVP_CIPHER_CTX_new() else {
            throw .operationFailed(operation: "AES-256-GCM key setup", openSSL: OpenSSLErrorQueue.drain())
        }
        let cipher = FetchedAlgorithms.shared.aes256GCM
        let initialised = key.withUnsafeBytes { EVP_CipherInit_ex2(context, cipher, $0.bytes, nil, 1, nil) }
        guard initialised == 1 else {
            EVP_CIPHER_CTX_free(context)
            throw .operationFailed(operation: "AES-256-GCM key setup", openSSL: OpenSSLErrorQueue.drain())
        }
        self.context = context
    }

    deinit {
        // EVP_CIPHER_CTX_free cleanses the key schedule.
        EVP_CIPHER_CTX_free(context)
    }

    /// Encrypts `plaintext` and authenticates it with `aad`; returns ciphertext || 16-byte tag.
    public func seal(_ plaintext: UnsafeRawBufferPointer, nonce: [UInt8], authenticating aad: [UInt8]) throws(CryptoError) -> [UInt8] {
        try nonce.withBytes { (nonce) throws(CryptoError) in
            try aad.withBytes { (aad) throws(CryptoError) in try seal(plaintext, nonce: nonce, aad: aad) }
        }
    }

    /// Encrypts `plaintext` and authenticates it with `aad`; returns ciphertext || 16-byte tag.
    public func seal(_ plaintext: [UInt8], nonce: [UInt8], authenticating aad: [UInt8]) throws(CryptoError) -> [UInt8] {
        try plaintext.withBytes { (plaintext) throws(CryptoError) in try seal(plaintext, nonce: nonce, authenticating: aad) }
    }

    /// Verifies and decrypts ciphertext || tag. Any mismatch (key, nonce, `aad`, a changed or
    /// missing byte) throws `CryptoError.authenticationFailed` and releases no plaintext.
    public func open(_ sealed: [UInt8], nonce: [UInt8], authenticating aad: [UInt8]) throws(CryptoError) -> [UInt8] {
        try sealed.withBytes { (sealed) throws(CryptoError) in
            try nonce.withBytes { (nonce) throws(CryptoError) in
                try aad.withBytes { (aad) throws(CryptoError) in try open(sealed, nonce: nonce, aad: aad) }
            }
        }
    }

    /// `open` for secret plaintext such as a wrapped key: the result is wiped when released and
    /// the intermediate buffer is wiped at once.
    public func openSecret(_ sealed: [UInt8], nonce: [UInt8], authenticating aad: [UInt8]) throws(CryptoError) -> SecretBytes {
        var plaintext = try open(sealed, nonce: nonce, authenticating: aad)
        return SecretBytes(wipingAfterCopy: &plaintext)
    }

    /// `seal` on borrowed buffers, for callers that build the nonce and authenticated data in place.
    func seal(_ plaintext: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer) throws(CryptoError) -> [UInt8] {
        try checkNonce(nonce)
        try checkLength(plaintext.count, aad: aad, operation: "AES-256-GCM sealing")
        var succeeded = false
        let sealed = [UInt8](unsafeUninitializedCapacity: plaintext.count + Self.tagByteCount) { sealed, count in
            let sealed = UnsafeMutableRawBufferPointer(sealed)
            succeeded = run(encrypting: true, nonce: nonce, aad: aad, input: plaintext,
                            output: UnsafeMutableRawBufferPointer(rebasing: sealed[..<plaintext.count]),
                            tag: UnsafeMutableRawBufferPointer(rebasing: sealed[plaintext.count...]))
            count = succeeded ? sealed.count : 0
        }
        guard succeeded else {
            throw .operationFailed(operation: "AES-256-GCM sealing", openSSL: OpenSSLErrorQueue.drain())
        }
        return sealed
    }

    /// `open` on borrowed buffers, for callers that build the nonce and authenticated data in place.
    func open(_ sealed: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer) throws(CryptoError) -> [UInt8] {
        try checkNonce(nonce)
        guard sealed.count >= Self.tagByteCount else { throw .authenticationFailed }
        let ciphertextCount = sealed.count - Self.tagByteCount
        try checkLength(ciphertextCount, aad: aad, operation: "AES-256-GCM opening")
        // OpenSSL takes the expected tag through a mutable pointer: a copy on the stack.
        var tag = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &tag) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: sealed[ciphertextCount...])) }
        var verified = false
        let plaintext = [UInt8](unsafeUninitializedCapacity: ciphertextCount) { plaintext, count in
            let plaintext = UnsafeMutableRawBufferPointer(plaintext)
            verified = withUnsafeMutableBytes(of: &tag) { tag in
                run(encrypting: false, nonce: nonce, aad: aad,
                    input: UnsafeRawBufferPointer(rebasing: sealed[..<ciphertextCount]), output: plaintext, tag: tag)
            }
            if !verified { OPENSSL_cleanse(plaintext.baseAddress, plaintext.count) }
            count = verified ? ciphertextCount : 0
        }
        guard verified else {
            OpenSSLErrorQueue.discard()
            throw .authenticationFailed
        }
        return plaintext
    }

    private func checkNonce(_ nonce: UnsafeRawBufferPointer) throws(CryptoError) {
        guard nonce.count == Self.nonceByteCount else {
            throw .invalidLength(of: "An AES-256-GCM nonce", expected: Self.nonceByteCount, found: nonce.count)
        }
    }

    /// OpenSSL's update calls take `int` lengths.
    private func checkLength(_ count: Int, aad: UnsafeRawBufferPointer, operation: String) throws(CryptoError) {
        let maximum = Int(Int32.max)
        if count > maximum { throw .inputTooLong(operation: operation, count: count, maximum: maximum) }
        if aad.count > maximum { throw .inputTooLong(operation: operation + " (authenticated data)", count: aad.count, maximum: maximum) }
    }

    /// One GCM pass over the kept context: new nonce and direction, `aad`, then `input` into
    /// `output` (same length). Encrypting writes `tag`; decrypting checks against it. False on any failure.
    private func run(
        encrypting: Bool, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, input: UnsafeRawBufferPointer,
        output: UnsafeMutableRawBufferPointer, tag: UnsafeMutableRawBufferPointer
    ) -> Bool {
        var written: Int32 = 0
        guard EVP_CipherInit_ex2(context, nil, nil, nonce.bytes, encrypting ? 1 : 0, nil) == 1 else { return false }
        if aad.count > 0 {
            guard EVP_CipherUpdate(context, nil, &written, aad.bytes, Int32(aad.count)) == 1 else { return false }
        }
        if input.count > 0 {
            guard EVP_CipherUpdate(context, output.bytes, &written, input.bytes, Int32(input.count)) == 1,
                  Int(written) == input.count else { return false }
        }
        if !encrypting {
            guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(tag.count), tag.baseAddress) == 1 else { return false }
        }
        // GCM writes nothing at the end; the block only gives OpenSSL a valid address.
        var finalBlock = (UInt64(0), UInt64(0))
        let finished = withUnsafeMutableBytes(of: &finalBlock) { EVP_CipherFinal_ex(context, $0.bytes, &written) }
        guard finished == 1 else { return false }
        if encrypting {
            return EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(tag.count), tag.baseAddress) == 1
        }
        return true
    }
}
