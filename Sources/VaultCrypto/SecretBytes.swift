import COpenSSL

/// Secret bytes (keys, unwrapped key material) in a buffer that is wiped with `OPENSSL_cleanse`
/// when the last reference goes away, held in `SecretPages`: locked in memory and left out of
/// core files.
///
/// Immutable after initialisation, hence safe to share between tasks. Deliberately neither
/// `CustomStringConvertible` nor `Codable`: the bytes leave only through `withUnsafeBytes`.
public final class SecretBytes: @unchecked Sendable {
    private let buffer: UnsafeMutableRawBufferPointer

    /// `count` zero bytes.
    public init(count: Int) {
        precondition(count >= 0, "SecretBytes count must not be negative")
        buffer = SecretPages.shared.allocate(byteCount: count)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
    }

    /// `randomCount` bytes from OpenSSL's random generator.
    public convenience init(randomCount: Int) throws(CryptoError) {
        self.init(count: randomCount)
        try SecureRandom.fill(buffer)
    }

    /// A copy of `bytes`; the caller remains responsible for wiping its own copy.
    public convenience init(copying bytes: some Collection<UInt8>) {
        self.init(count: bytes.count)
        _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
    }

    /// `count` bytes written in place by `fill`, which must initialise them all.
    convenience init<E: Error>(count: Int, filling fill: (UnsafeMutableRawBufferPointer) throws(E) -> Void) throws(E) {
        self.init(count: count)
        try fill(buffer)
    }

    /// A copy of `bytes`, after which the caller's array is overwritten with zeros (its count is kept).
    public convenience init(wipingAfterCopy bytes: inout [UInt8]) {
        self.init(copying: bytes)
        bytes.cleanse()
    }

    deinit {
        OPENSSL_cleanse(buffer.baseAddress, buffer.count)
        SecretPages.shared.deallocate(buffer)
    }

    /// The number of secret bytes.
    public var count: Int { buffer.count }

    /// Lends the bytes to `body`; the pointer must not escape it, and nothing it points to may be
    /// copied into ordinary memory. Outside this module only the few places that hand a secret
    /// to the card or to a PKCS#11 module may ask, by importing this SPI
    /// (`SecretContainmentTests` lists them and fails on any other).
    @_spi(SecretBytesAccess)
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(buffer))
    }

    /// Whether both hold the same bytes, compared in time independent of the contents (`CRYPTO_memcmp`).
    /// Different counts compare unequal at once: the count is not secret.
    public func constantTimeEquals(_ other: SecretBytes) -> Bool {
        guard count == other.count else { return false }
        return CRYPTO_memcmp(buffer.baseAddress, other.buffer.baseAddress, count) == 0
    }
}

extension Array where Element == UInt8 {
    /// Overwrites every byte with zero (`OPENSSL_cleanse`, which the optimiser cannot drop); the count is kept.
    public mutating func cleanse() {
        withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
    }
}
