import COpenSSL

/// HMAC-SHA256 (RFC 2104, FIPS 198-1) on OpenSSL's SHA-256, fetched once per process.
public enum HMACSHA256 {
    /// The length of an authentication code in bytes.
    public static let byteCount = 32

    /// The 32-byte HMAC-SHA256 of `message` under `key` (any length; keys longer than the
    /// 64-byte block are hashed first). OpenSSL failing here (out of memory) stops the process.
    public static func authenticationCode(for message: some Collection<UInt8>, key: SecretBytes) -> [UInt8] {
        HMACSHA256Context().authenticationCode(for: message, key: key)
    }
}

/// One OpenSSL digest context kept for several HMAC-SHA256 codes, each under its own key (HKDF's
/// extract and expand steps, then a record's commitment), instead of a context per code. HMAC
/// is computed as RFC 2104 defines it, two SHA-256 digests over the padded key
/// (`COpenSSL_HMAC_SHA256`): OpenSSL's `EVP_MAC` sets up its provider state at every key, which
/// cost twice the digests for a record's short inputs. The RFC 4231 vectors check it. The
/// padded key is cleansed after each code, and the digest state when the context is freed.
///
/// Not `Sendable`: the context is mutable state.
final class HMACSHA256Context {
    private let context: OpaquePointer

    init() {
        guard let context = EVP_MD_CTX_new() else {
            preconditionFailure("SHA-256 context: \(OpenSSLErrorQueue.drain())")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// `HMACSHA256.authenticationCode(for:key:)` on this context.
    func authenticationCode(for message: some Collection<UInt8>, key: SecretBytes) -> [UInt8] {
        key.withUnsafeBytes { key in
            message.withContiguousStorageIfAvailable { authenticationCode(UnsafeRawBufferPointer($0), key: key) }
                ?? Array(message).withUnsafeBytes { authenticationCode($0, key: key) }
        }
    }

    /// Writes HKDF-SHA256 of `inputKey` (RFC 5869; an empty `salt` is 32 zero bytes) into all of
    /// `output`, at most `HKDFSHA256.maximumOutputByteCount` bytes.
    func deriveKey(into output: UnsafeMutableRawBufferPointer, from inputKey: SecretBytes, salt: [UInt8], info: [UInt8]) {
        let produced = inputKey.withUnsafeBytes { inputKey in
            COpenSSL_HKDF_SHA256(context, FetchedAlgorithms.shared.sha256, salt, salt.count, inputKey.bytes, inputKey.count,
                                 info, info.count, output.bytes, output.count)
        }
        precondition(produced == 1, "HKDF-SHA256 failed: \(OpenSSLErrorQueue.drain())")
    }

    /// The HMAC-SHA256 of `message` under the key bytes `key`.
    func authenticationCode(_ message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) -> [UInt8] {
        let byteCount = HMACSHA256.byteCount
        return [UInt8](unsafeUninitializedCapacity: byteCount) { code, count in
            let produced = COpenSSL_HMAC_SHA256(
                context, FetchedAlgorithms.shared.sha256, key.baseAddress?.assumingMemoryBound(to: UInt8.self), key.count,
                message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count, code.baseAddress)
            precondition(produced == 1, "HMAC-SHA256 failed: \(OpenSSLErrorQueue.drain())")
            count = byteCount
        }
    }
}
