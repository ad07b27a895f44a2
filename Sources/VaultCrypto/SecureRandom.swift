import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's generator (`RAND_bytes`).
public enum SecureRandom {
    /// `count` random bytes; throws when the generator cannot be seeded.
    public static func bytes(count: Int) throws(CryptoError) -> [UInt8] {
        precondition(count >= 0, "random byte count must not be negative")
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withMutableBytes { (buffer) throws(CryptoError) in try fill(buffer) }
        return bytes
    }

    /// Fills `buffer` with random bytes.
    static func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        guard RAND_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(buffer.count)) == 1 else {
            throw .randomGeneratorFailed(openSSL: OpenSSLErrorQueue.drain())
        }
    }
}
