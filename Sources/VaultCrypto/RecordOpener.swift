/// Opens the segments of a record version sealed by `RecordSealer`, in any order, after checking
/// the header's key commitment.
///
/// Not `Sendable`: it holds a cipher context.
public final class RecordOpener {
    private let segments: RecordSegmentCipher

    /// Checks that `header` was made with `patientKey` for `context` (commitment compared with
    /// `CRYPTO_memcmp`); throws `authenticationFailed` if not, before anything is decrypted.
    public init(patientKey: SecretBytes, context: RecordContext, header: RecordHeader) throws(CryptoError) {
        guard header.formatVersion == RecordHeader.formatVersion else {
            throw .unsupportedFormatVersion(format: "record envelope", version: header.formatVersion)
        }
        guard header.noncePrefix.count == RecordHeader.noncePrefixByteCount else { throw .authenticationFailed }
        segments = try RecordSegmentCipher(patientKey: patientKey, context: context, noncePrefix: header.noncePrefix)
        guard segments.commitmentMatches(header.commitment) else { throw .authenticationFailed }
    }

    /// Opens segment `index`; `isFinal` says whether it is the last stored segment. A dropped final
    /// segment, a reordered, duplicated, truncated or modified segment all throw `authenticationFailed`.
    public func openSegment(_ sealed: [UInt8], index: UInt32, isFinal: Bool) throws(CryptoError) -> [UInt8] {
        let fullSegment = RecordHeader.segmentSize + AESGCMKey.tagByteCount
        guard isFinal ? sealed.count <= fullSegment : sealed.count == fullSegment else { throw .authenticationFailed }
        return try sealed.withBytes { (sealed) throws(CryptoError) in try segments.open(sealed, index: index, isFinal: isFinal) }
    }
}
