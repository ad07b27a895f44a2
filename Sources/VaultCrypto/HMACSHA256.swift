import COpenSSL

/// HMAC-SHA256 (RFC 2104, FIPS 198-1) through OpenSSL's `EVP_MAC`.
public enum HMACSHA256 {
    /// The length of an authentication code in bytes.
    public static let byteCount = 32

    /// The 32-byte HMAC-SHA256 of `message` under `key` (any length; keys longer than the
    /// 64-byte block are hashed first). OpenSSL failing here (out of memory) stops the process.
    public static func authenticationCode(for message: some Collection<UInt8>, key: SecretBytes) -> [UInt8] {
        message.withContiguousStorageIfAvailable { authenticationCode(UnsafeRawBufferPointer($0), key: key) }
            ?? Array(message).withUnsafeBytes { authenticationCode($0, key: key) }
    }

    private static func authenticationCode(_ message: UnsafeRawBufferPointer, key: SecretBytes) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: byteCount)
        var written = 0
        // HMAC zero-pads its key to the block size, so the empty key is the key 0x00; passing that
        // keeps the key pointer non-null, which EVP_MAC_init would read as "keep the previous key".
        let key = key.count == 0 ? SecretBytes(count: 1) : key
        let produced = key.withUnsafeBytes { key in
            code.withUnsafeMutableBytes { output in
                EVP_Q_mac(nil, "HMAC", nil, "SHA256", nil, key.baseAddress, key.count,
                          message.bytes, message.count, output.bytes, output.count, &written) != nil
            }
        }
        precondition(produced && written == byteCount, "EVP_Q_mac(HMAC-SHA256) failed: \(OpenSSLErrorQueue.drain())")
        return code
    }
}
