import CPSCard
import VaultCrypto

/// A key sealed to a certificate so that only the card (or key file) holding the certificate's
/// private key opens it: RSA PKCS#1 v1.5 to the certificate's public key, and a check tag
/// (HMAC-SHA256 under the key of a label, the purpose and the context) verified before the key
/// is used, so that a blob moved to another purpose or another card never opens (docs/KEYS.md).
struct SealedKey: Sendable, Hashable {
    static let format: UInt8 = 1
    private static let label = Array("cpsvault sealed key v1".utf8)

    var ciphertext: [UInt8]
    var check: [UInt8]

    /// `01` ‖ check (32 bytes) ‖ RSA ciphertext: one blob for storage.
    var encoded: [UInt8] { [Self.format] + check + ciphertext }

    init(ciphertext: [UInt8], check: [UInt8]) {
        self.ciphertext = ciphertext
        self.check = check
    }

    init(encoded: [UInt8], purpose: String) throws(VaultError) {
        guard encoded.count > 33, encoded[0] == Self.format else { throw .keyDoesNotOpen(purpose) }
        check = Array(encoded[1..<33])
        ciphertext = Array(encoded[33...])
    }

    /// Seals `key` to `certificate` for `purpose` within `context`.
    init(sealing key: SecretBytes, to certificate: X509Certificate, purpose: String, context: [UInt8]) throws {
        try self.init(sealing: key, to: certificate.publicKey, purpose: purpose, context: context)
    }

    /// Seals `key` to a public key the vault holds the private half of (an escrow deposit key).
    init(sealing key: SecretBytes, to publicKey: RSAPublicKey, purpose: String, context: [UInt8]) throws {
        ciphertext = try publicKey.encryptPKCS1(key)
        check = Self.tag(key, purpose: purpose, context: context)
    }

    /// Opens the key with whatever holds the private key (a card's PSO DECIPHER, a recovery key
    /// file) and verifies the check tag. A wrong key or a tampered blob is always the same
    /// error; a card problem (removed, blocked) passes through as itself.
    func open(purpose: String, context: [UInt8], decipher: ([UInt8]) throws -> SecretBytes) throws -> SecretBytes {
        let key: SecretBytes
        do {
            key = try decipher(ciphertext)
        } catch is CryptoError {
            throw VaultError.keyDoesNotOpen(purpose)
        } catch CPSCardError.cardRefused {
            throw VaultError.keyDoesNotOpen(purpose)
        }
        let expected = SecretBytes(copying: Self.tag(key, purpose: purpose, context: context))
        guard expected.constantTimeEquals(SecretBytes(copying: check)) else { throw VaultError.keyDoesNotOpen(purpose) }
        return key
    }

    private static func tag(_ key: SecretBytes, purpose: String, context: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticationCode(for: label + Array(purpose.utf8) + [0] + context, key: key)
    }
}
