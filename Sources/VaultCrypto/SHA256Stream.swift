import Foundation
import COpenSSL

/// SHA-256 over data that arrives in pieces: `update` as often as needed, then `finish` once.
public final class SHA256Stream {
    private let context: OpaquePointer
    private var finished = false

    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, FetchedAlgorithms.shared.sha256, nil) == 1 else {
            preconditionFailure("EVP_DigestInit_ex(SHA-256) failed: \(OpenSSLErrorQueue.drain())")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds `bytes` to the hash; nothing may be added after `finish`.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "SHA256Stream updated after finish")
        guard bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "EVP_DigestUpdate failed")
    }

    /// Adds `bytes` to the hash.
    public func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte hash of everything added; called once.
    public func finish() -> [UInt8] {
        precondition(!finished, "SHA256Stream finished twice")
        finished = true
        var hash = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &hash, &length) == 1 && length == 32, "EVP_DigestFinal_ex failed")
        return hash
    }
}
