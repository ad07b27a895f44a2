import Synchronization

/// Seals one record version's content as the envelope of docs/FORMAT.md, segment by segment, so
/// content of any size streams through a fixed amount of memory.
///
/// Not `Sendable`: it counts segments. Store `header` beside the sealed segments, in order.
public final class RecordSealer {
    /// The header to store with the segments: format version, nonce prefix, commitment.
    public let header: RecordHeader
    private let segments: RecordSegmentCipher
    private var nextIndex: UInt32 = 0
    private var isFinished = false

    /// Random nonce prefixes for every sealer of the process, drawn many at a time.
    private static let noncePrefixes = Mutex(NonceReserve(nonceByteCount: RecordHeader.noncePrefixByteCount, noncesPerDraw: 512))

    /// Draws a random nonce prefix and computes the commitment; `patientKey` is the 32-byte DEK.
    public convenience init(patientKey: SecretBytes, context: RecordContext) throws(CryptoError) {
        try self.init(patientKey: patientKey, context: context,
                      noncePrefix: Self.noncePrefixes.withLock { (reserve) throws(CryptoError) in try reserve.next() })
    }

    /// A sealer with a given nonce prefix, for golden vectors; a prefix must never repeat under one key.
    init(patientKey: SecretBytes, context: RecordContext, noncePrefix: [UInt8]) throws(CryptoError) {
        segments = try RecordSegmentCipher(patientKey: patientKey, context: context, noncePrefix: noncePrefix)
        header = RecordHeader(noncePrefix: noncePrefix, commitment: segments.commitment)
    }

    /// Seals the next segment: exactly `RecordHeader.segmentSize` bytes unless `isFinal`, at most
    /// that when final; an empty record is one empty final segment. Nothing may follow the final segment.
    public func sealSegment(_ plaintext: UnsafeRawBufferPointer, isFinal: Bool) throws(CryptoError) -> [UInt8] {
        let size = RecordHeader.segmentSize
        guard !isFinished else { throw .segmentRejected(reason: "the final segment is already sealed") }
        guard plaintext.count <= size else { throw .segmentRejected(reason: "\(plaintext.count) bytes is more than a segment holds") }
        guard isFinal || plaintext.count == size else {
            throw .segmentRejected(reason: "a segment that is not final must hold \(size) bytes, not \(plaintext.count)")
        }
        guard isFinal || nextIndex < UInt32.max else { throw .segmentRejected(reason: "a record holds at most 2^32 segments") }
        let sealed = try segments.seal(plaintext, index: nextIndex, isFinal: isFinal)
        if isFinal { isFinished = true } else { nextIndex += 1 }
        return sealed
    }

    /// `sealSegment` for an array.
    public func sealSegment(_ plaintext: [UInt8], isFinal: Bool) throws(CryptoError) -> [UInt8] {
        try plaintext.withBytes { (plaintext) throws(CryptoError) in try sealSegment(plaintext, isFinal: isFinal) }
    }
}
