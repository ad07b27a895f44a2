import COpenSSL

/// Encrypts a stream into CMS EnvelopedData (RFC 5652 §6) for one or more recipient
/// certificates: AES-256-CBC content encryption, the content key transported to each recipient
/// with RSA PKCS#1 v1.5, the whole written as indefinite-length BER as the content arrives, so
/// memory stays flat whatever its size. `openssl cms -decrypt` opens it with any recipient's key.
///
/// Write the content with `write`, then call `finish` once; each encrypted piece goes to the
/// `output` closure as soon as OpenSSL has produced it. Not for use from several threads.
public final class CMSEnvelopedStream {
    private let contentInfo: OpaquePointer
    private let buffer: OpaquePointer
    private var stream: OpaquePointer?
    private let output: ([UInt8]) throws -> Void

    /// Starts EnvelopedData for `recipients`, announcing `innerContent` as the type of what is
    /// enveloped; nothing is written to `output` until content comes.
    public init(recipients: [X509Certificate], innerContent: ContentKind = .data,
                output: @escaping ([UInt8]) throws -> Void) throws(CryptoError) {
        guard !recipients.isEmpty else {
            throw .operationFailed(operation: "CMS EnvelopedData", openSSL: "no recipient certificate")
        }
        let flags = UInt32(CMS_STREAM | CMS_PARTIAL | CMS_BINARY)
        guard let contentInfo = CMS_encrypt(nil, nil, EVP_aes_256_cbc(), flags) else {
            throw .operationFailed(operation: "CMS EnvelopedData", openSSL: OpenSSLErrorQueue.drain())
        }
        self.contentInfo = contentInfo
        buffer = BIO_new(BIO_s_mem())
        self.output = output
        for recipient in recipients where CMS_add1_recipient_cert(contentInfo, recipient.x509, 0) == nil {
            throw .operationFailed(operation: "CMS recipient \(recipient.subject.commonName ?? "certificate")",
                                   openSSL: OpenSSLErrorQueue.drain())
        }
        if innerContent == .signedData,
           CMS_set1_eContentType(contentInfo, OBJ_nid2obj(NID_pkcs7_signed)) != 1 {
            throw .operationFailed(operation: "CMS EnvelopedData content type", openSSL: OpenSSLErrorQueue.drain())
        }
        guard let stream = BIO_new_CMS(buffer, contentInfo) else {
            throw .operationFailed(operation: "CMS EnvelopedData stream", openSSL: OpenSSLErrorQueue.drain())
        }
        self.stream = stream
    }

    deinit {
        closeStream()
        BIO_free(buffer)
        CMS_ContentInfo_free(contentInfo)
    }

    /// What the EnvelopedData says it envelops.
    public enum ContentKind: Sendable {
        case data
        case signedData
    }

    /// Encrypts `bytes` and hands what is ready to `output`.
    public func write(_ bytes: [UInt8]) throws {
        guard let stream else { throw CryptoError.operationFailed(operation: "CMS EnvelopedData", openSSL: "written after finish") }
        var offset = 0
        while offset < bytes.count {
            let count = min(bytes.count - offset, Int(Int32.max))
            let written = bytes.withUnsafeBytes { BIO_write(stream, $0.baseAddress! + offset, Int32(count)) }
            guard written == count else {
                throw CryptoError.operationFailed(operation: "CMS EnvelopedData encryption", openSSL: OpenSSLErrorQueue.drain())
            }
            offset += count
        }
        try drain()
    }

    /// Ends the content: the last block, padding and the closing octets go to `output`.
    public func finish() throws {
        guard let stream else { return }
        guard COpenSSL_BIO_flush(stream) == 1 else {
            throw CryptoError.operationFailed(operation: "CMS EnvelopedData finish", openSSL: OpenSSLErrorQueue.drain())
        }
        closeStream()
        try drain()
    }

    /// Frees the filter BIOs BIO_new_CMS put in front of the memory buffer.
    private func closeStream() {
        var current = stream
        while let bio = current, bio != buffer {
            current = BIO_pop(bio)
            BIO_free(bio)
        }
        stream = nil
    }

    private func drain() throws {
        var data: UnsafeMutablePointer<CChar>?
        let count = COpenSSL_BIO_get_mem_data(buffer, &data)
        guard count > 0, let data else { return }
        let bytes = Array(UnsafeRawBufferPointer(start: data, count: count))
        _ = COpenSSL_BIO_reset(buffer)
        try output(bytes)
    }
}
