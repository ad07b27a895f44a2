import COpenSSL
import Foundation

/// A decoded X.509 CRL: who issued it, when, and which serial numbers it revokes.
///
/// Immutable. Whether the CRL is genuine is a separate question: ask `isSigned(by:)`.
public final class CertificateRevocationList: Sendable {
    /// The OpenSSL object, kept to check the signature.
    nonisolated(unsafe) private let crl: OpaquePointer

    /// The authority that issued the CRL.
    public let issuer: DistinguishedName
    /// The DER encoding, as installed in a CRL folder.
    public let derEncoded: [UInt8]
    /// When the CRL was issued.
    public let thisUpdate: Date
    /// When the next CRL is due; past it this one is stale. Nil when the CRL does not say.
    public let nextUpdate: Date?
    /// Revocation dates by serial number (big-endian magnitude).
    private let revocations: [[UInt8]: Date]

    /// Decodes exactly one DER CRL.
    public convenience init(derEncoded: [UInt8]) throws(CryptoError) {
        try self.init(derEncoded: derEncoded, source: "the DER data")
    }

    /// Decodes one CRL in PEM (the first "X509 CRL" block) or DER; `source` names where the bytes
    /// came from (a file, a URL) in errors.
    public convenience init(encoded bytes: [UInt8], source: String) throws(CryptoError) {
        guard PEMFile.isPEM(bytes) else {
            try self.init(derEncoded: bytes, source: source)
            return
        }
        guard let crl = try PEMFile.withMemoryBIO(bytes, { bio in PEM_read_bio_X509_CRL(bio, nil, nil, nil) }) ?? nil else {
            throw .invalidRevocationList(source: source, reason: OpenSSLErrorQueue.drain(fallback: "no PEM X509 CRL block"))
        }
        try self.init(taking: crl, source: source)
    }

    private convenience init(derEncoded: [UInt8], source: String) throws(CryptoError) {
        guard let crl = DERCodec.decode(derEncoded, with: { d2i_X509_CRL(nil, $0, $1) }, free: X509_CRL_free) else {
            throw .invalidRevocationList(source: source, reason: OpenSSLErrorQueue.drain(fallback: "not exactly one DER CRL"))
        }
        try self.init(taking: crl, source: source)
    }

    /// Takes ownership of `crl` (freed on every path) and reads its fields.
    private init(taking crl: OpaquePointer, source: String) throws(CryptoError) {
        func reject(_ reason: String) -> CryptoError {
            X509_CRL_free(crl)
            return .invalidRevocationList(source: source, reason: reason)
        }
        guard let derEncoded = DERCodec.encode(with: { i2d_X509_CRL(crl, $0) }) else {
            throw reject(OpenSSLErrorQueue.drain(fallback: "it cannot be encoded in DER"))
        }
        guard let issuerName = X509_CRL_get_issuer(crl), let issuer = DistinguishedName(x509Name: issuerName) else {
            throw reject("its issuer name is not valid")
        }
        guard let thisUpdateTime = X509_CRL_get0_lastUpdate(crl), let thisUpdate = ASN1Time.date(thisUpdateTime) else {
            throw reject("its thisUpdate date is malformed")
        }
        var nextUpdate: Date?
        if let nextUpdateTime = X509_CRL_get0_nextUpdate(crl) {
            guard let date = ASN1Time.date(nextUpdateTime) else { throw reject("its nextUpdate date is malformed") }
            nextUpdate = date
        }
        var revocations: [[UInt8]: Date] = [:]
        if let revoked = X509_CRL_get_REVOKED(crl) {
            for index in 0..<COpenSSL_sk_X509_REVOKED_num(revoked) {
                guard let entry = COpenSSL_sk_X509_REVOKED_value(revoked, index),
                      let serial = X509_REVOKED_get0_serialNumber(entry),
                      let dateTime = X509_REVOKED_get0_revocationDate(entry),
                      let date = ASN1Time.date(dateTime) else {
                    throw reject("revoked entry \(index) is malformed")
                }
                revocations[Array(UnsafeBufferPointer(start: ASN1_STRING_get0_data(serial), count: Int(ASN1_STRING_length(serial))))] = date
            }
        }
        self.crl = crl
        self.derEncoded = derEncoded
        self.issuer = issuer
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.revocations = revocations
    }

    deinit {
        X509_CRL_free(crl)
    }

    /// Reads a CRL from a PEM ("X509 CRL" block) or DER file; errors name the file.
    public static func loadFile(_ path: String) throws(CryptoError) -> CertificateRevocationList {
        try CertificateRevocationList(encoded: PEMFile.contents(of: path), source: "'\(path)'")
    }

    /// When `certificate` was revoked, if this CRL lists it: same issuer name and serial number.
    public func revocationDate(of certificate: X509Certificate) -> Date? {
        guard certificate.issuer == issuer else { return nil }
        return revocations[certificate.serialNumber]
    }

    /// Whether `issuer` is named as this CRL's issuer and its key verifies the CRL's signature.
    public func isSigned(by issuer: X509Certificate) -> Bool {
        guard issuer.subject == self.issuer, let key = X509_get0_pubkey(issuer.x509) else { return false }
        let verified = X509_CRL_verify(crl, key) == 1
        OpenSSLErrorQueue.discard()
        return verified
    }
}
