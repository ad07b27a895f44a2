/// Key wrapping: a key sealed under a 32-byte wrapping key with AES-256-GCM, a random nonce, and
/// authenticated data binding what the key is for (vault, patient, key versions, holder).
///
/// Format (docs/FORMAT.md): version (1) || 12-byte nonce || ciphertext || 16-byte tag, 61 bytes
/// for a 32-byte key. The authenticated data is `"cpsvault key wrap v1" || version || context`.
public enum KeyWrap {
    /// The format version written as the first byte.
    public static let formatVersion: UInt8 = 1
    /// The wrapped length of a key of `keyByteCount` bytes.
    public static func wrappedByteCount(keyByteCount: Int) -> Int {
        1 + AESGCMKey.nonceByteCount + keyByteCount + AESGCMKey.tagByteCount
    }

    private static let label = Array("cpsvault key wrap v1".utf8)

    /// Wraps `key` under `wrappingKey`, bound to `context` (build it with `ContextEncoder`).
    public static func wrap(_ key: SecretBytes, with wrappingKey: SecretBytes, context: [UInt8]) throws(CryptoError) -> [UInt8] {
        try wrap(key, with: wrappingKey, context: context, nonce: SecureRandom.bytes(count: AESGCMKey.nonceByteCount))
    }

    /// `wrap` with a given nonce, for golden vectors; a nonce must never repeat under one wrapping key.
    static func wrap(_ key: SecretBytes, with wrappingKey: SecretBytes, context: [UInt8], nonce: [UInt8]) throws(CryptoError) -> [UInt8] {
        let cipher = try AESGCMKey(wrappingKey)
        let sealed = try key.withBytes { (key) throws(CryptoError) in
            try cipher.seal(key, nonce: nonce, authenticating: authenticatedData(context))
        }
        return [formatVersion] + nonce + sealed
    }

    /// Recovers a wrapped key. A wrong wrapping key, a wrong context, a truncated or modified
    /// blob all throw `CryptoError.authenticationFailed`; an unknown first byte throws `unsupportedFormatVersion`.
    public static func unwrap(_ wrapped: [UInt8], with wrappingKey: SecretBytes, context: [UInt8]) throws(CryptoError) -> SecretBytes {
        let cipher = try AESGCMKey(wrappingKey)
        guard wrapped.count >= wrappedByteCount(keyByteCount: 0) else { throw .authenticationFailed }
        guard wrapped[0] == formatVersion else { throw .unsupportedFormatVersion(format: "wrapped key", version: wrapped[0]) }
        let nonceEnd = 1 + AESGCMKey.nonceByteCount
        return try cipher.openSecret(Array(wrapped[nonceEnd...]), nonce: Array(wrapped[1..<nonceEnd]),
                                     authenticating: authenticatedData(context))
    }

    private static func authenticatedData(_ context: [UInt8]) -> [UInt8] {
        label + [formatVersion] + context
    }
}
