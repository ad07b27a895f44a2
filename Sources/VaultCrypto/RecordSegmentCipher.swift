import COpenSSL

/// What sealing and opening a record share: the segment cipher under the patient key, the encoded
/// context, the nonce construction, the per-segment authenticated data and the key commitment.
///
/// The nonce (prefix || index) and the authenticated data (context || index || final flag) are
/// kept in two buffers whose last bytes each segment rewrites, so a segment allocates nothing
/// but its output. Not `Sendable`: one instance belongs to one sealer or opener.
final class RecordSegmentCipher {
    /// HKDF info of the commitment key.
    static let commitmentInfo = Array("cpsvault record commitment v1".utf8)

    private let cipher: AESGCMKey
    /// Nonce prefix (8) || index (4): the index is rewritten for each segment.
    private var nonce: [UInt8]
    /// Encoded context || index (4) || final flag (1): the last five bytes are rewritten for each segment.
    private var authenticatedData: [UInt8]
    /// The commitment these inputs produce.
    let commitment: [UInt8]

    init(patientKey: SecretBytes, context: RecordContext, noncePrefix: [UInt8]) throws(CryptoError) {
        try context.validate()
        guard noncePrefix.count == RecordHeader.noncePrefixByteCount else {
            throw .invalidLength(of: "A record nonce prefix", expected: RecordHeader.noncePrefixByteCount, found: noncePrefix.count)
        }
        cipher = try AESGCMKey(patientKey)
        let encodedContext = context.encoded
        let hmac = HMACSHA256Context()
        let commitmentKey = try HKDFSHA256.deriveKey(
            from: patientKey, salt: [], info: Self.commitmentInfo, outputByteCount: HMACSHA256.byteCount, on: hmac)
        nonce = noncePrefix + [0, 0, 0, 0]
        authenticatedData = encodedContext + noncePrefix
        commitment = hmac.authenticationCode(for: authenticatedData, key: commitmentKey)
        authenticatedData.replaceSubrange(encodedContext.count..., with: [0, 0, 0, 0, 0])
    }

    /// Whether `candidate` is this commitment, compared in constant time.
    func commitmentMatches(_ candidate: [UInt8]) -> Bool {
        guard candidate.count == commitment.count else { return false }
        return CRYPTO_memcmp(candidate, commitment, commitment.count) == 0
    }

    func seal(_ plaintext: UnsafeRawBufferPointer, index: UInt32, isFinal: Bool) throws(CryptoError) -> [UInt8] {
        try withSegmentInputs(index: index, isFinal: isFinal) { (nonce, aad) throws(CryptoError) in
            try cipher.seal(plaintext, nonce: nonce, aad: aad)
        }
    }

    func open(_ sealed: UnsafeRawBufferPointer, index: UInt32, isFinal: Bool) throws(CryptoError) -> [UInt8] {
        try withSegmentInputs(index: index, isFinal: isFinal) { (nonce, aad) throws(CryptoError) in
            try cipher.open(sealed, nonce: nonce, aad: aad)
        }
    }

    /// Writes segment `index`'s nonce and authenticated data (docs/FORMAT.md) in place and lends them to `body`.
    private func withSegmentInputs<R>(
        index: UInt32, isFinal: Bool,
        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        let bigEndian = index.bigEndian
        let flagOffset = authenticatedData.count - 1
        let indexOffset = flagOffset - 4
        nonce.withUnsafeMutableBytes { nonce in
            withUnsafeBytes(of: bigEndian) { UnsafeMutableRawBufferPointer(rebasing: nonce[RecordHeader.noncePrefixByteCount...]).copyMemory(from: $0) }
        }
        authenticatedData.withUnsafeMutableBytes { aad in
            withUnsafeBytes(of: bigEndian) { UnsafeMutableRawBufferPointer(rebasing: aad[indexOffset..<flagOffset]).copyMemory(from: $0) }
            aad[flagOffset] = isFinal ? 1 : 0
        }
        return try nonce.withBytes { (nonce) throws(CryptoError) in
            try authenticatedData.withBytes { (aad) throws(CryptoError) in try body(nonce, aad) }
        }
    }
}
