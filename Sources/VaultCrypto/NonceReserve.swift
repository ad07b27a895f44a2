#if canImport(Glibc)
import Glibc
#endif

/// Random nonces drawn from OpenSSL's generator a few hundred at a time: one `RAND_bytes` call
/// costs about a microsecond whatever its size, more than wrapping a key or sealing a small
/// record. Each nonce is handed out once, and nothing about them is secret (they are stored
/// beside the ciphertext). They belong to the process that drew them: after a fork the child
/// draws its own, so parent and child never share one.
struct NonceReserve {
    /// The length of each nonce in bytes.
    let nonceByteCount: Int
    /// How many nonces one draw from the generator provides.
    let noncesPerDraw: Int
    private var bytes: [UInt8] = []
    private var drawnBy: pid_t = 0

    init(nonceByteCount: Int, noncesPerDraw: Int) {
        self.nonceByteCount = nonceByteCount
        self.noncesPerDraw = noncesPerDraw
    }

    /// A nonce never handed out before by this process; throws when the generator fails.
    mutating func next() throws(CryptoError) -> [UInt8] {
        let process = getpid()
        if bytes.isEmpty || drawnBy != process {
            bytes = try SecureRandom.bytes(count: noncesPerDraw * nonceByteCount)
            drawnBy = process
        }
        defer { bytes.removeLast(nonceByteCount) }
        return Array(bytes.suffix(nonceByteCount))
    }
}
