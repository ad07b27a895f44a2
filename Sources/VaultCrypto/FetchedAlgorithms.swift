import COpenSSL

/// The OpenSSL 3 implementations the vault uses on every record and key, fetched once per
/// process and kept: fetching by name (what `EVP_aes_256_gcm()` in a cipher init and
/// `EVP_Q_mac` do on each call) costs more than sealing a kilobyte.
///
/// Fetched algorithms are immutable and reference-counted inside OpenSSL, so one instance is
/// shared by every thread. The HMAC context is a template with the digest already set: it is
/// only ever duplicated (a read), never used or changed.
final class FetchedAlgorithms: @unchecked Sendable {
    /// The one instance, made on first use (Swift initialises statics once, thread-safely).
    static let shared = FetchedAlgorithms()

    /// `EVP_CIPHER` AES-256-GCM.
    let aes256GCM: OpaquePointer
    /// An `EVP_MAC_CTX` of HMAC with SHA-256 set and no key.
    private let hmacSHA256: OpaquePointer

    private init() {
        // Without these the library cannot work at all (OpenSSL without its default provider).
        guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil), let mac = EVP_MAC_fetch(nil, "HMAC", nil) else {
            preconditionFailure("OpenSSL has no AES-256-GCM or HMAC: \(OpenSSLErrorQueue.drain())")
        }
        defer { EVP_MAC_free(mac) }  // the context keeps its own reference
        guard let hmac = COpenSSL_EVP_MAC_CTX_new_HMAC_SHA256(mac) else {
            preconditionFailure("OpenSSL cannot set up HMAC-SHA256: \(OpenSSLErrorQueue.drain())")
        }
        aes256GCM = cipher
        hmacSHA256 = hmac
    }

    /// A fresh HMAC-SHA256 context, digest set, for the caller to key, use and free
    /// (`EVP_MAC_CTX_free`); nil when out of memory.
    func hmacContext() -> OpaquePointer? { EVP_MAC_CTX_dup(hmacSHA256) }
}
