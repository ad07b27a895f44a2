import CBenchOpenSSL

/// The baseline of the record figures: AES-256-GCM straight through OpenSSL's EVP interface,
/// one context reused, the key set and a random 12-byte nonce drawn per message, authenticated
/// data of the same length as the record envelope's. No envelope, no commitment, no segments.
final class RawAESGCM {
    private let context: OpaquePointer
    private var key = [UInt8](repeating: 0x42, count: 32)
    private var nonce = [UInt8](repeating: 0, count: 12)
    private var tag = [UInt8](repeating: 0, count: 16)
    private let aad: [UInt8]
    private var ciphertext: [UInt8]
    private var plaintext: [UInt8]

    /// Buffers for messages of `size` bytes and `aadCount` bytes of authenticated data.
    init(size: Int, aadCount: Int) {
        guard let context = EVP_CIPHER_CTX_new() else { fatalError("EVP_CIPHER_CTX_new failed") }
        self.context = context
        aad = [UInt8](repeating: 0x17, count: aadCount)
        ciphertext = [UInt8](repeating: 0, count: size)
        plaintext = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
    }

    deinit { EVP_CIPHER_CTX_free(context) }

    /// Seals the message and opens it again, checking the tag; false if anything fails.
    func sealAndOpen() -> Bool {
        guard RAND_bytes(&nonce, Int32(nonce.count)) == 1 else { return false }
        return pass(encrypting: true, input: &plaintext, output: &ciphertext)
            && pass(encrypting: false, input: &ciphertext, output: &plaintext)
    }

    private func pass(encrypting: Bool, input: inout [UInt8], output: inout [UInt8]) -> Bool {
        var written: Int32 = 0
        var final = [UInt8](repeating: 0, count: 16)
        let count = Int32(input.count)
        guard EVP_CipherInit_ex2(context, EVP_aes_256_gcm(), key, nonce, encrypting ? 1 : 0, nil) == 1,
              EVP_CipherUpdate(context, nil, &written, aad, Int32(aad.count)) == 1,
              EVP_CipherUpdate(context, &output, &written, input, count) == 1 else { return false }
        if !encrypting {
            guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, 16, &tag) == 1 else { return false }
        }
        guard EVP_CipherFinal_ex(context, &final, &written) == 1 else { return false }
        return encrypting ? EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, 16, &tag) == 1 : true
    }
}
