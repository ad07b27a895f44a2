import Foundation

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

    fileprivate static let label = Array("cpsvault key wrap v1".utf8)

    /// Wraps `key` under `wrappingKey`, bound to `context` (build it with `ContextEncoder`).
    public static func wrap(_ key: SecretBytes, with wrappingKey: SecretBytes, context: [UInt8]) throws(CryptoError) -> [UInt8] {
        try KeyWrappingKey(wrappingKey).wrap(key, context: context)
    }

    /// `wrap` with a given nonce, for golden vectors; a nonce must never repeat under one wrapping key.
    static func wrap(_ key: SecretBytes, with wrappingKey: SecretBytes, context: [UInt8], nonce: [UInt8]) throws(CryptoError) -> [UInt8] {
        try KeyWrappingKey(wrappingKey).wrap(key, context: context, nonce: nonce)
    }

    /// Recovers a wrapped key. A wrong wrapping key, a wrong context, a truncated or modified
    /// blob all throw `CryptoError.authenticationFailed`; an unknown first byte throws `unsupportedFormatVersion`.
    public static func unwrap(_ wrapped: [UInt8], with wrappingKey: SecretBytes, context: [UInt8]) throws(CryptoError) -> SecretBytes {
        try KeyWrappingKey(wrappingKey).unwrap(wrapped, context: context)
    }
}

/// A wrapping key made ready once for many wraps and unwraps in the `KeyWrap` format, as when
/// a rotation rewraps every escrow copy from one vault key to the next: the cipher context and
/// key schedule are set up once instead of once per key.
///
/// Not `Sendable`: it holds a cipher context. Use one instance per thread of work.
public final class KeyWrappingKey {
    private let cipher: AESGCMKey
    private var nonces = NonceReserve(nonceByteCount: AESGCMKey.nonceByteCount, noncesPerDraw: 256)

    /// Prepares `wrappingKey` (32 bytes).
    public init(_ wrappingKey: SecretBytes) throws(CryptoError) {
        cipher = try AESGCMKey(wrappingKey)
    }

    /// `KeyWrap.wrap(_:with:context:)` under this key.
    public func wrap(_ key: SecretBytes, context: [UInt8]) throws(CryptoError) -> [UInt8] {
        try wrap(key, context: context, nonce: nonces.next())
    }

    func wrap(_ key: SecretBytes, context: [UInt8], nonce: [UInt8]) throws(CryptoError) -> [UInt8] {
        let sealed = try key.withBytes { (key) throws(CryptoError) in
            try cipher.seal(key, nonce: nonce, authenticating: Self.authenticatedData(context))
        }
        return [KeyWrap.formatVersion] + nonce + sealed
    }

    /// `KeyWrap.unwrap(_:with:context:)` under this key, with the same errors.
    public func unwrap(_ wrapped: [UInt8], context: [UInt8]) throws(CryptoError) -> SecretBytes {
        guard wrapped.count >= KeyWrap.wrappedByteCount(keyByteCount: 0) else { throw .authenticationFailed }
        guard wrapped[0] == KeyWrap.formatVersion else { throw .unsupportedFormatVersion(format: "wrapped key", version: wrapped[0]) }
        let nonceEnd = 1 + AESGCMKey.nonceByteCount
        var plaintext = try wrapped.withBytes { (wrapped) throws(CryptoError) in
            try Self.authenticatedData(context).withBytes { (aad) throws(CryptoError) in
                try cipher.open(UnsafeRawBufferPointer(rebasing: wrapped[nonceEnd...]),
                                nonce: UnsafeRawBufferPointer(rebasing: wrapped[1..<nonceEnd]), aad: aad)
            }
        }
        return SecretBytes(wipingAfterCopy: &plaintext)
    }

    private static func authenticatedData(_ context: [UInt8]) -> [UInt8] {
        KeyWrap.label + [KeyWrap.formatVersion] + context
    }
}
