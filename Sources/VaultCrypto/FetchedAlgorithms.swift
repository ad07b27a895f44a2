import COpenSSL

/// The OpenSSL 3 implementations the vault uses on every record and key, fetched once per
/// process and kept: fetching by name (what `EVP_aes_256_gcm()` in a cipher init and
/// `EVP_Q_mac` do on each call) costs more than sealing a kilobyte.
///
/// Fetched algorithms are immutable and reference-counted inside OpenSSL, so one instance is
/// shared by every thread.
final class FetchedAlgorithms: @unchecked Sendable {
    /// The one instance, made on first use (Swift initialises statics once, thread-safely).
    static let shared = FetchedAlgorithms()

    /// `EVP_CIPHER` AES-256-GCM.
    let aes256GCM: OpaquePointer
    /// `EVP_MD` SHA-256, for every digest and HMAC-SHA256.
    let sha256: OpaquePointer

    private init() {
        // Without these the library cannot work at all (OpenSSL without its default provider).
        guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil), let digest = EVP_MD_fetch(nil, "SHA256", nil) else {
            preconditionFailure("OpenSSL has no AES-256-GCM or SHA-256: \(OpenSSLErrorQueue.drain())")
        }
        aes256GCM = cipher
        sha256 = digest
    }
}
