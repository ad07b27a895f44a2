/// The one error type of VaultCrypto: each case says what happened and what to do about it.
///
/// Messages may carry OpenSSL's reason strings and file paths, never key material or plaintext.
public enum CryptoError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The system's random generator could not produce bytes.
    case randomGeneratorFailed(openSSL: String)
    /// A file does not exist.
    case fileNotFound(path: String)
    /// A file exists but could not be read.
    case fileUnreadable(path: String, reason: String)
    /// A private key could not be decoded from `source` (a file path or "PEM data").
    case invalidPrivateKey(source: String, openSSL: String)
    /// A public key (SubjectPublicKeyInfo) could not be decoded.
    case invalidPublicKey(openSSL: String)
    /// A key is valid but not RSA, the only algorithm CPS cards use.
    case unsupportedKeyType(source: String, found: String)
    /// A certificate could not be decoded from `source` (a file path or "DER data").
    case invalidCertificate(source: String, reason: String)
    /// A certificate revocation list could not be decoded from `source`.
    case invalidRevocationList(source: String, reason: String)
    /// The input to an RSA operation is longer than the key allows.
    case inputTooLong(operation: String, count: Int, maximum: Int)
    /// An RSA or symmetric operation failed inside OpenSSL.
    case operationFailed(operation: String, openSSL: String)
    /// A PKCS#1 v1.5 cryptogram did not decrypt. Deliberately carries no detail.
    case decryptionFailed
    /// Authenticated data did not verify: wrong key, wrong context or modified bytes.
    /// Deliberately carries no detail, and nothing was decrypted.
    case authenticationFailed
    /// A key, nonce or identifier does not have the one length its role allows; lengths are not secret.
    case invalidLength(of: String, expected: Int, found: Int)
    /// A key derivation was asked for more (or fewer) bytes than it can produce.
    case invalidOutputLength(operation: String, requested: Int, maximum: Int)
    /// A record header is not the fixed layout of docs/FORMAT.md.
    case malformedRecordHeader(reason: String)
    /// Data in a format version this build does not read.
    case unsupportedFormatVersion(format: String, version: UInt8)
    /// A record segment broke the envelope's sealing rules (size, order, after the final one).
    case segmentRejected(reason: String)
    /// The system refused a step of `ProcessHardening`, so no session was opened.
    case hardeningRefused(step: String, reason: String)

    /// What happened and what to do; never contains key bytes.
    public var description: String {
        switch self {
        case .randomGeneratorFailed(let reason):
            "The random generator failed (\(reason)): nothing was generated; check that the system entropy source is available."
        case .fileNotFound(let path):
            "The file '\(path)' does not exist: check the path and the configuration that names it."
        case .fileUnreadable(let path, let reason):
            "The file '\(path)' could not be read (\(reason)): check its permissions."
        case .invalidPrivateKey(let source, let reason):
            "No usable private key in \(source) (\(reason)): provide an unencrypted PEM RSA key (PKCS#8 or traditional)."
        case .invalidPublicKey(let reason):
            "The public key is not a valid SubjectPublicKeyInfo (\(reason)): check where it came from."
        case .unsupportedKeyType(let source, let found):
            "The key in \(source) is \(found), not RSA: only RSA keys are supported; use an RSA key or certificate."
        case .invalidCertificate(let source, let reason):
            "No valid X.509 certificate in \(source) (\(reason)): provide a PEM or DER certificate."
        case .invalidRevocationList(let source, let reason):
            "No valid certificate revocation list in \(source) (\(reason)): fetch the CRL again from its issuer."
        case .inputTooLong(let operation, let count, let maximum):
            "\(operation) takes at most \(maximum) bytes with this key, got \(count): pass a shorter input (normally a DigestInfo or a key)."
        case .operationFailed(let operation, let reason):
            "\(operation) failed (\(reason)): the key or the input is not usable; nothing was produced."
        case .decryptionFailed:
            "The cryptogram could not be decrypted with this key: it was not made for this key or was altered; nothing was recovered."
        case .authenticationFailed:
            "The data was modified or does not belong here (another key, record or context): nothing was decrypted; read it again from its source and check which key and context it was stored with."
        case .invalidLength(let role, let expected, let found):
            "\(role) must be \(expected) bytes, got \(found): pass a value of the right size; nothing was processed."
        case .invalidOutputLength(let operation, let requested, let maximum):
            "\(operation) produces 1 to \(maximum) bytes, \(requested) were asked for: request a length in that range."
        case .malformedRecordHeader(let reason):
            "The record header is not valid (\(reason)): the stored header is damaged or is not a cpsvault record header; nothing was decrypted."
        case .unsupportedFormatVersion(let format, let version):
            "The \(format) is in format version \(version), which this version of cpsvault does not read: open it with the version that wrote it or upgrade."
        case .segmentRejected(let reason):
            "The record segment was not sealed (\(reason)): seal full 65536-byte segments in order and only the last one shorter, marked final."
        case .hardeningRefused(let step, let reason):
            "The process could not be protected (\(step): \(reason)), so no session was opened and nothing was decrypted: run cpsvault where the system allows it (not under a debugger, not in a sandbox that forbids prctl)."
        }
    }
}
