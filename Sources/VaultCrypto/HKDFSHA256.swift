/// HKDF-SHA256 (RFC 5869: extract, then expand), written as RFC 5869 defines it on
/// HMAC-SHA256, whose OpenSSL implementation is fetched once per process. (OpenSSL 3.0's
/// `EVP_KDF` HKDF contexts cannot be duplicated, so going through it meant fetching SHA-256 by
/// name for every derivation, which cost more than the derivation.)
public enum HKDFSHA256 {
    /// The most bytes one derivation can produce (255 blocks of 32 bytes).
    public static let maximumOutputByteCount = 255 * 32

    private static let zeroSalt = [UInt8](repeating: 0, count: HMACSHA256.byteCount)

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
        // Extract: PRK = HMAC(salt, IKM).
        var pseudorandomKey = inputKeyMaterial.withUnsafeBytes { ikm in
            (salt.isEmpty ? zeroSalt : salt).withUnsafeBytes { hmac.authenticationCode(ikm, key: $0) }
        }
        defer { pseudorandomKey.cleanse() }
        // Expand: T(i) = HMAC(PRK, T(i-1) || info || i); the output is T(1) || T(2) || ... cut to length.
        var output: [UInt8] = []
        output.reserveCapacity(outputByteCount + HMACSHA256.byteCount)
        var message: [UInt8] = []
        message.reserveCapacity(HMACSHA256.byteCount + info.count + 1)
        defer { message.cleanse() }
        var counter: UInt8 = 1
        while output.count < outputByteCount {
            message.removeAll(keepingCapacity: true)
            message += output.suffix(counter == 1 ? 0 : HMACSHA256.byteCount)
            message += info
            message.append(counter)
            var block = message.withUnsafeBytes { message in pseudorandomKey.withUnsafeBytes { hmac.authenticationCode(message, key: $0) } }
            output += block
            block.cleanse()
            counter &+= 1
        }
        output.withUnsafeMutableBytes { output in
            // Wipes the bytes cut off before they go.
            UnsafeMutableRawBufferPointer(rebasing: output[outputByteCount...]).initializeMemory(as: UInt8.self, repeating: 0)
        }
        output.removeLast(output.count - outputByteCount)
        return SecretBytes(wipingAfterCopy: &output)
    }
}
