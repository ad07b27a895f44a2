import COpenSSL

/// SHA-256 and the DER DigestInfo that PKCS#1 v1.5 signatures wrap around it.
public enum Digest {
    /// The DER prefix of `DigestInfo { sha256, NULL }` before the 32-byte hash (RFC 8017 §9.2).
    static let sha256DigestInfoPrefix: [UInt8] = [
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ]

    /// The 32-byte SHA-256 hash of `data`. OpenSSL failing here (out of memory) stops the process.
    public static func sha256(_ data: some Collection<UInt8>) -> [UInt8] {
        data.withContiguousStorageIfAvailable { sha256Contiguous(UnsafeRawBufferPointer($0)) }
            ?? Array(data).withUnsafeBytes(sha256Contiguous)
    }

    private static func sha256Contiguous(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var hash = [UInt8](repeating: 0, count: 32)
        let succeeded = hash.withUnsafeMutableBufferPointer {
            EVP_Digest(input.baseAddress, input.count, $0.baseAddress, nil, FetchedAlgorithms.shared.sha256, nil) == 1
        }
        precondition(succeeded, "EVP_Digest(SHA-256) failed: \(OpenSSLErrorQueue.drain())")
        return hash
    }

    /// The 51-byte DER `DigestInfo(SHA-256, sha256(data))`: the input a card signs with PKCS#1 v1.5.
    public static func sha256DigestInfo(_ data: some Collection<UInt8>) -> [UInt8] {
        digestInfo(sha256: sha256(data))
    }

    /// The DER `DigestInfo(SHA-256, hash)` around a hash computed earlier.
    public static func digestInfo(sha256 hash: [UInt8]) -> [UInt8] {
        sha256DigestInfoPrefix + hash
    }
}
