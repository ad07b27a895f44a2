import COpenSSL
import Foundation

/// Writes CMS SignedData (RFC 5652 §5) around content that streams through it, signed by a key
/// the caller holds elsewhere (a card): the content travels as an indefinite-length OCTET STRING
/// in pieces, and the one signer's SignerInfo carries the signed attributes content type
/// (id-data), signing time and message digest, SHA-256 and RSA PKCS#1 v1.5.
///
/// Since the signature comes after the content, the caller hashes the content first, has
/// `digestInfoToSign(signedAttributes:)` signed, then writes `header`, the content through
/// `contentPiece`, and `trailer`. The result is BER that `openssl cms -verify` reads.
public struct CMSSignedDataEncoder: Sendable {
    /// The signer's certificate, whose key made the signature.
    public let signer: X509Certificate
    /// Certificates carried for the verifier (the signer's and its intermediates).
    public let certificates: [X509Certificate]
    public let signingTime: Date

    public init(signer: X509Certificate, intermediates: [X509Certificate], signingTime: Date) {
        self.signer = signer
        certificates = [signer] + intermediates.filter { $0 != signer }
        self.signingTime = signingTime
    }

    /// The DER signed attributes (`SET OF Attribute`) for content whose SHA-256 is `contentDigest`.
    public func signedAttributes(contentDigest: [UInt8]) -> [UInt8] {
        func attribute(_ oid: [UInt8], _ value: [UInt8]) -> [UInt8] {
            DEREncoding.sequence(DEREncoding.objectIdentifier(oid), DEREncoding.setOf([value]))
        }
        return DEREncoding.setOf([
            attribute(DEREncoding.idContentType, DEREncoding.objectIdentifier(DEREncoding.idData)),
            attribute(DEREncoding.idSigningTime, Self.utcTime(signingTime)),
            attribute(DEREncoding.idMessageDigest, DEREncoding.tlv(0x04, contentDigest)),
        ])
    }

    /// The DER `DigestInfo` (SHA-256) over the signed attributes: what the signer's key signs.
    public static func digestInfoToSign(signedAttributes: [UInt8]) -> [UInt8] {
        Digest.sha256DigestInfo(signedAttributes)
    }

    /// Everything before the content: ContentInfo, SignedData up to the open eContent.
    public var header: [UInt8] {
        DEREncoding.openIndefinite(0x30) + DEREncoding.objectIdentifier(DEREncoding.idSignedData)
            + DEREncoding.openIndefinite(0xA0) + DEREncoding.openIndefinite(0x30)
            + [0x02, 0x01, 0x01]
            + DEREncoding.setOf([DEREncoding.algorithm(DEREncoding.idSHA256)])
            + DEREncoding.openIndefinite(0x30) + DEREncoding.objectIdentifier(DEREncoding.idData)
            + DEREncoding.openIndefinite(0xA0) + DEREncoding.openIndefinite(0x24)
    }

    /// One piece of the content, as a primitive OCTET STRING inside the constructed one.
    public static func contentPiece(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [0x04] + DEREncoding.length(bytes.count) + Array(bytes)
    }

    /// Everything after the content: the certificates and the SignerInfo with `signature` over
    /// `signedAttributes`, then the ends of the indefinite-length values.
    public func trailer(signedAttributes: [UInt8], signature: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let signerID = signer.issuerAndSerialNumber else {
            throw .invalidCertificate(source: "the signer's certificate", reason: OpenSSLErrorQueue.drain())
        }
        let signerInfo = DEREncoding.sequence(
            [0x02, 0x01, 0x01], signerID, DEREncoding.algorithm(DEREncoding.idSHA256),
            [0xA0] + signedAttributes.dropFirst(),
            DEREncoding.algorithm(DEREncoding.rsaEncryption), DEREncoding.tlv(0x04, signature))
        return DEREncoding.endOfContents + DEREncoding.endOfContents + DEREncoding.endOfContents
            + DEREncoding.setOf(certificates.map(\.derEncoded), tag: 0xA0)
            + DEREncoding.setOf([signerInfo])
            + DEREncoding.endOfContents + DEREncoding.endOfContents + DEREncoding.endOfContents
    }

    /// `UTCTime` (until 2049) or `GeneralizedTime`, to the second, in UTC.
    static func utcTime(_ date: Date) -> [UInt8] {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        let rest = [parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec]
            .map { String(format: "%02d", $0) }.joined()
        if (1950..<2050).contains(year) {
            return DEREncoding.tlv(0x17, Array((String(format: "%02d", year % 100) + rest + "Z").utf8))
        }
        return DEREncoding.tlv(0x18, Array((String(format: "%04d", year) + rest + "Z").utf8))
    }
}

extension X509Certificate {
    /// The DER `IssuerAndSerialNumber` naming this certificate in CMS, or nil when OpenSSL
    /// cannot encode its issuer or serial.
    var issuerAndSerialNumber: [UInt8]? {
        guard let name = X509_get_issuer_name(x509), let serial = X509_get0_serialNumber(x509),
              let issuer = DERCodec.encode(with: { i2d_X509_NAME(name, $0) }),
              let number = DERCodec.encode(with: { i2d_ASN1_INTEGER(serial, $0) }) else { return nil }
        return DEREncoding.sequence(issuer, number)
    }
}
