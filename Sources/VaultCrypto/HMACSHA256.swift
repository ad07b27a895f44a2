import COpenSSL

/// HMAC-SHA256 (RFC 2104, FIPS 198-1) through OpenSSL's `EVP_MAC`, fetched once per process.
public enum HMACSHA256 {
    /// The length of an authentication code in bytes.
    public static let byteCount = 32

    /// The 32-byte HMAC-SHA256 of `message` under `key` (any length; keys longer than the
    /// 64-byte block are hashed first). OpenSSL failing here (out of memory) stops the process.
    public static func authenticationCode(for message: some Collection<UInt8>, key: SecretBytes) -> [UInt8] {
        HMACSHA256Context().authenticationCode(for: message, key: key)
    }
}

/// One OpenSSL HMAC-SHA256 context kept for several codes, each under its own key (HKDF's
/// extract and expand steps, then a record's commitment), instead of a context per code. The
/// keyed state is cleansed when the context is freed, with this object.
///
/// Not `Sendable`: the context is mutable state.
final class HMACSHA256Context {
    private let context: OpaquePointer

    init() {
        guard let context = FetchedAlgorithms.shared.hmacContext() else {
            preconditionFailure("HMAC-SHA256 context: \(OpenSSLErrorQueue.drain())")
        }
        self.context = context
    }

    deinit { EVP_MAC_CTX_free(context) }

    /// `HMACSHA256.authenticationCode(for:key:)` on this context.
    func authenticationCode(for message: some Collection<UInt8>, key: SecretBytes) -> [UInt8] {
        key.withUnsafeBytes { key in
            message.withContiguousStorageIfAvailable { authenticationCode(UnsafeRawBufferPointer($0), key: key) }
                ?? Array(message).withUnsafeBytes { authenticationCode($0, key: key) }
        }
    }

    /// The HMAC-SHA256 of `message` under the key bytes `key`.
    func authenticationCode(_ message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) -> [UInt8] {
        // HMAC zero-pads its key to the block size, so the empty key is the key 0x00; passing that
        // keeps the key pointer non-null, which EVP_MAC_init would read as "keep the previous key".
        var zero: UInt8 = 0
        let byteCount = HMACSHA256.byteCount
        var written = 0
        let code = [UInt8](unsafeUninitializedCapacity: byteCount) { code, count in
            let produced = withUnsafeMutableBytes(of: &zero) { zero in
                let key = key.count == 0 ? UnsafeRawBufferPointer(zero) : key
                return EVP_MAC_init(context, key.bytes, key.count, nil) == 1
                    && EVP_MAC_update(context, message.bytes, message.count) == 1
                    && EVP_MAC_final(context, code.baseAddress, &written, byteCount) == 1
            }
            precondition(produced && written == byteCount, "HMAC-SHA256 failed: \(OpenSSLErrorQueue.drain())")
            count = byteCount
        }
        return code
    }
}
