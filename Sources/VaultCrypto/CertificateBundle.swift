import COpenSSL

/// The forms certificates arrive in from a certification authority's directory: PEM (any number
/// of CERTIFICATE blocks, or a PKCS7 block), one DER certificate, or a DER PKCS#7 "certs-only"
/// SignedData. Other PEM blocks, such as keys, are skipped.
public enum CertificateBundle {
    /// Every certificate in `bytes`, in the order they appear; `source` names where the bytes came
    /// from in errors. Throws when there is none or a block is damaged.
    public static func certificates(in bytes: [UInt8], source: String) throws(CryptoError) -> [X509Certificate] {
        let certificates = try PEMFile.isPEM(bytes) ? pemCertificates(bytes, source: source) : derCertificates(bytes, source: source)
        guard !certificates.isEmpty else {
            throw .invalidCertificate(source: source, reason: "no certificate in it (neither a CERTIFICATE nor a PKCS7 block)")
        }
        return certificates
    }

    private static func pemCertificates(_ bytes: [UInt8], source: String) throws(CryptoError) -> [X509Certificate] {
        let certificates: [X509Certificate] = try PEMFile.withMemoryBIO(bytes) { (bio) throws(CryptoError) in
            var certificates: [X509Certificate] = []
            while let x509 = PEM_read_bio_X509(bio, nil, nil, nil) {
                guard let der = DERCodec.encode(with: { i2d_X509(x509, $0) }) else {
                    X509_free(x509)
                    throw .invalidCertificate(source: source, reason: OpenSSLErrorQueue.drain())
                }
                certificates.append(try X509Certificate(taking: x509, derEncoded: der, source: source))
            }
            // Reading ends with "no start line" at the end of the file; anything else is a damaged block.
            guard ERR_GET_REASON(ERR_peek_last_error()) == PEM_R_NO_START_LINE else {
                throw .invalidCertificate(source: source, reason: OpenSSLErrorQueue.drain())
            }
            OpenSSLErrorQueue.discard()
            return certificates
        } ?? []
        guard certificates.isEmpty else { return certificates }
        guard let bundle = try PEMFile.withMemoryBIO(bytes, { bio in PEM_read_bio_PKCS7(bio, nil, nil, nil).map(OpaquePointer.init) }) ?? nil else {
            OpenSSLErrorQueue.discard()
            return []
        }
        return try signedDataCertificates(taking: bundle, source: source)
    }

    private static func derCertificates(_ bytes: [UInt8], source: String) throws(CryptoError) -> [X509Certificate] {
        if let x509 = DERCodec.decode(bytes, with: { d2i_X509(nil, $0, $1) }, free: X509_free) {
            return [try X509Certificate(taking: x509, derEncoded: bytes, source: source)]
        }
        OpenSSLErrorQueue.discard()
        guard let bundle = DERCodec.decode(bytes, with: { d2i_PKCS7(nil, $0, $1).map(OpaquePointer.init) },
                                           free: { PKCS7_free(UnsafeMutablePointer($0)) }) else {
            throw .invalidCertificate(
                source: source,
                reason: OpenSSLErrorQueue.drain(fallback: "neither one DER certificate nor a DER PKCS#7 bundle"))
        }
        return try signedDataCertificates(taking: bundle, source: source)
    }

    /// The certificates of a PKCS#7 SignedData; takes ownership of `opaqueBundle`.
    private static func signedDataCertificates(taking opaqueBundle: OpaquePointer, source: String) throws(CryptoError) -> [X509Certificate] {
        let bundle = UnsafeMutablePointer<PKCS7>(opaqueBundle)
        defer { PKCS7_free(bundle) }
        guard let stack = COpenSSL_PKCS7_certificates(bundle) else {
            throw .invalidCertificate(source: source, reason: "its PKCS#7 content is not SignedData")
        }
        var certificates: [X509Certificate] = []
        for index in 0..<COpenSSL_sk_X509_num(stack) {
            guard let member = COpenSSL_sk_X509_value(stack, index),
                  let der = DERCodec.encode(with: { i2d_X509(member, $0) }) else {
                throw .invalidCertificate(source: source, reason: OpenSSLErrorQueue.drain(fallback: "certificate \(index) cannot be encoded"))
            }
            certificates.append(try X509Certificate(derEncoded: der, source: source))
        }
        return certificates
    }
}
