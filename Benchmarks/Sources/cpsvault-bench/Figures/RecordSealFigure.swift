import VaultCrypto

/// Sealing a record version and opening it again with `RecordSealer` and `RecordOpener`: the
/// whole envelope per record (random nonce prefix, key commitment, segments), against raw
/// AES-256-GCM of the same bytes.
struct RecordSealFigure: Figure {
    /// The record size in bytes.
    let size: Int
    let requiredRatio: Double

    var name: String { "seal-\(size / 1024)k" }
    var title: String { "record seal and open, \(size / 1024) KiB" }
    var baselineDescription: String? { "raw OpenSSL EVP AES-256-GCM seal and open, same process" }
    var requirements: [Requirement] { [.ratio(atLeast: requiredRatio)] }

    func measure(scale: Double) throws -> Outcome {
        let key = try SecretBytes(randomCount: 32)
        let context = RecordContext(
            vaultID: try SecureRandom.bytes(count: 16), patientID: try SecureRandom.bytes(count: 16),
            recordID: try SecureRandom.bytes(count: 16), recordVersion: 1, keyVersion: 1,
            contentType: "application/fhir+json")
        let content = (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let raw = RawAESGCM(size: size, aadCount: context.encoded.count + 5)
        let times = try Stopwatch.compare(minimum: 0.4 * scale) {
            try Self.roundTrip(content, key: key, context: context)
        } baseline: {
            guard raw.sealAndOpen() else { throw BenchError("the raw AES-256-GCM baseline failed") }
        }
        let mebibytes = Double(size) / 1_048_576
        return Outcome(
            measured: .throughput(mebibytes / times.product, "MiB/s"),
            baseline: .throughput(mebibytes / times.baseline, "MiB/s"),
            notes: ["\((times.product * 1e6).formatted(digits: 1)) µs per record (baseline \((times.baseline * 1e6).formatted(digits: 1)) µs)"])
    }

    /// Seals `content` as one record and opens every segment; throws if it does not come back.
    static func roundTrip(_ content: [UInt8], key: SecretBytes, context: RecordContext) throws {
        let sealer = try RecordSealer(patientKey: key, context: context)
        var segments: [[UInt8]] = []
        var start = 0
        repeat {
            let end = min(start + RecordHeader.segmentSize, content.count)
            try content.withUnsafeBytes { bytes in
                segments.append(try sealer.sealSegment(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), isFinal: end == content.count))
            }
            start = end
        } while start < content.count
        let opener = try RecordOpener(patientKey: key, context: context, header: RecordHeader(parsing: sealer.header.encoded))
        var opened = 0
        for (index, segment) in segments.enumerated() {
            opened += try opener.openSegment(segment, index: UInt32(index), isFinal: index == segments.count - 1).count
        }
        guard opened == content.count else { throw BenchError("a record did not open to its size") }
    }
}
