import COpenSSL
import Foundation

/// A decoded X.509 certificate with an RSA key: the fields the card stack reads, and the DER it came from.
///
/// Immutable. Two certificates are equal when their DER encodings are.
public final class X509Certificate: Sendable, Hashable {
    /// The OpenSSL object, kept for chain building; OpenSSL locks what it caches inside it.
    nonisolated(unsafe) let x509: OpaquePointer

    /// The DER encoding.
    public let derEncoded: [UInt8]
    /// Whom the certificate is for: on a card, the professional.
    public let subject: DistinguishedName
    /// The authority that signed it.
    public let issuer: DistinguishedName
    /// The serial number's big-endian magnitude.
    public let serialNumber: [UInt8]
    /// The start of the validity period.
    public let notBefore: Date
    /// The end of the validity period.
    public let notAfter: Date
    /// The keyUsage extension, or nil when the certificate has none.
    public let keyUsage: KeyUsage?
    /// Whether basicConstraints says CA:TRUE.
    public let isCertificateAuthority: Bool
    /// The subject's public key; a certificate whose key is not RSA is rejected when decoded.
    public let publicKey: RSAPublicKey
    /// SHA-256 of `derEncoded`: the certificate's identity in audit entries.
    public let sha256Fingerprint: [UInt8]
    /// The URIs of its cRLDistributionPoints extension, in order: where the CRL that covers this
    /// certificate is published. Empty when it names none.
    public let crlDistributionPoints: [String]

    /// Decodes exactly one DER certificate; throws if it is malformed, has trailing bytes or an unusable key.
    public convenience init(derEncoded: [UInt8]) throws(CryptoError) {
        try self.init(derEncoded: derEncoded, source: "the DER data")
    }

    convenience init(derEncoded: [UInt8], source: String) throws(CryptoError) {
        guard let x509 = DERCodec.decode(derEncoded, with: { d2i_X509(nil, $0, $1) }, free: X509_free) else {
            throw .invalidCertificate(
                source: source, reason: OpenSSLErrorQueue.drain(fallback: "not exactly one DER certificate"))
        }
        try self.init(taking: x509, derEncoded: derEncoded, source: source)
    }

    /// Takes ownership of `x509` (freed on every path) and reads its fields.
    init(taking x509: OpaquePointer, derEncoded: [UInt8], source: String) throws(CryptoError) {
        func reject(_ reason: String) -> CryptoError {
            X509_free(x509)
            return .invalidCertificate(source: source, reason: reason)
        }
        let extensionFlags = X509_get_extension_flags(x509)
        guard extensionFlags & UInt32(EXFLAG_INVALID) == 0 else {
            throw reject("its extensions are malformed; \(OpenSSLErrorQueue.drain())")
        }
        guard let subjectName = X509_get_subject_name(x509), let subject = DistinguishedName(x509Name: subjectName),
              let issuerName = X509_get_issuer_name(x509), let issuer = DistinguishedName(x509Name: issuerName) else {
            throw reject("a name attribute is not a valid string")
        }
        guard let notBeforeTime = X509_get0_notBefore(x509), let notBefore = ASN1Time.date(notBeforeTime),
              let notAfterTime = X509_get0_notAfter(x509), let notAfter = ASN1Time.date(notAfterTime) else {
            throw reject("its validity dates are malformed")
        }
        guard let serial = X509_get0_serialNumber(x509) else { throw reject("it has no serial number") }
        guard let key = X509_get0_pubkey(x509) else { throw reject("its public key is malformed") }
        do {
            publicKey = try RSAPublicKey(key: key, source: source)
        } catch {
            X509_free(x509)
            throw error
        }
        self.x509 = x509
        self.derEncoded = derEncoded
        self.subject = subject
        self.issuer = issuer
        serialNumber = Array(UnsafeBufferPointer(start: ASN1_STRING_get0_data(serial), count: Int(ASN1_STRING_length(serial))))
        self.notBefore = notBefore
        self.notAfter = notAfter
        keyUsage = extensionFlags & UInt32(EXFLAG_KUSAGE) != 0 ? KeyUsage(openSSLBits: X509_get_key_usage(x509)) : nil
        isCertificateAuthority = extensionFlags & UInt32(EXFLAG_BCONS) != 0 && extensionFlags & UInt32(EXFLAG_CA) != 0
        sha256Fingerprint = Digest.sha256(derEncoded)
        crlDistributionPoints = Self.distributionPoints(of: x509)
    }

    /// The URIs of the cRLDistributionPoints extension of `x509`.
    private static func distributionPoints(of x509: OpaquePointer) -> [String] {
        guard let points = X509_get_ext_d2i(x509, NID_crl_distribution_points, nil, nil) else {
            OpenSSLErrorQueue.discard()
            return []
        }
        let stack = OpaquePointer(points)
        defer { COpenSSL_CRL_DIST_POINTS_free(stack) }
        var uris: [String] = []
        while let uri = COpenSSL_distribution_point_uri(stack, Int32(uris.count)) {
            uris.append(String(decoding: UnsafeBufferPointer(start: ASN1_STRING_get0_data(uri), count: Int(ASN1_STRING_length(uri))),
                               as: UTF8.self))
        }
        return uris
    }

    deinit {
        X509_free(x509)
    }

    /// Every certificate of a PEM, DER or PKCS#7 file (`CertificateBundle`). Throws if the file
    /// holds no certificate; errors name the file.
    public static func loadPEMFile(_ path: String) throws(CryptoError) -> [X509Certificate] {
        try CertificateBundle.certificates(in: PEMFile.contents(of: path), source: "'\(path)'")
    }

    /// Equal when the DER encodings are.
    public static func == (lhs: X509Certificate, rhs: X509Certificate) -> Bool {
        lhs.derEncoded == rhs.derEncoded
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(derEncoded)
    }
}
