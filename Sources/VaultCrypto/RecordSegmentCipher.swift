import COpenSSL

/// What sealing and opening a record share: the segment cipher under the patient key, the encoded
/// context, the nonce construction, the per-segment authenticated data and the key commitment.
struct RecordSegmentCipher {
    /// HKDF info of the commitment key.
    static let commitmentInfo = Array("cpsvault record commitment v1".utf8)

    private let cipher: AESGCMKey
    private let encodedContext: [UInt8]
    private let noncePrefix: [UInt8]
    /// The commitment these inputs produce.
    let commitment: [UInt8]

    init(patientKey: SecretBytes, context: RecordContext, noncePrefix: [UInt8]) throws(CryptoError) {
        try context.validate()
        guard noncePrefix.count == RecordHeader.noncePrefixByteCount else {
            throw .invalidLength(of: "A record nonce prefix", expected: RecordHeader.noncePrefixByteCount, found: noncePrefix.count)
        }
        cipher = try AESGCMKey(patientKey)
        encodedContext = context.encoded
        self.noncePrefix = noncePrefix
        let commitmentKey = try HKDFSHA256.deriveKey(
            from: patientKey, salt: [], info: Self.commitmentInfo, outputByteCount: HMACSHA256.byteCount)
        commitment = HMACSHA256.authenticationCode(for: encodedContext + noncePrefix, key: commitmentKey)
    }

    /// Whether `candidate` is this commitment, compared in constant time.
    func commitmentMatches(_ candidate: [UInt8]) -> Bool {
        guard candidate.count == commitment.count else { return false }
        return CRYPTO_memcmp(candidate, commitment, commitment.count) == 0
    }

    func seal(_ plaintext: UnsafeRawBufferPointer, index: UInt32, isFinal: Bool) throws(CryptoError) -> [UInt8] {
        try cipher.seal(plaintext, nonce: noncePrefix + index.bigEndianBytes, authenticating: authenticatedData(index: index, isFinal: isFinal))
    }

    func open(_ sealed: [UInt8], index: UInt32, isFinal: Bool) throws(CryptoError) -> [UInt8] {
        try cipher.open(sealed, nonce: noncePrefix + index.bigEndianBytes, authenticating: authenticatedData(index: index, isFinal: isFinal))
    }

    /// Encoded context || index (4 bytes, big-endian) || final flag (1 byte: 1 final, 0 not).
    private func authenticatedData(index: UInt32, isFinal: Bool) -> [UInt8] {
        encodedContext + index.bigEndianBytes + [isFinal ? 1 : 0]
    }
}
