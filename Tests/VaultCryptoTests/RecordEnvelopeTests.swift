import Testing
@testable import VaultCrypto

@Suite struct RecordEnvelopeTests {
    struct Segment: Decodable, Sendable {
        let sealed: String?
        let sha256: String?
    }

    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name, header: String
        let plaintext: String?
        let plaintextPatternCount: Int?
        let segments: [Segment]
        var testDescription: String { name }
        var plaintextBytes: [UInt8] { plaintext.map { bytes(hex: $0) } ?? GoldenFixtures.pattern(count: plaintextPatternCount ?? 0) }
    }

    struct File: Decodable {
        let encodedContext: String
    }

    @Test func contextEncodingIsStable() throws {
        #expect(hex(GoldenFixtures.context.encoded) == (try Vectors.file("envelope-v1", as: File.self).encodedContext))
    }

    @Test(arguments: Vectors.table("envelope-v1", as: Case.self))
    func goldenVectorsAreStable(_ vector: Case) throws {
        let sealer = try RecordSealer(patientKey: GoldenFixtures.patientKey, context: GoldenFixtures.context, noncePrefix: GoldenFixtures.noncePrefix)
        #expect(hex(sealer.header.encoded) == vector.header)
        let chunks = Self.segments(of: vector.plaintextBytes)
        try #require(chunks.count == vector.segments.count)
        let opener = try RecordOpener(patientKey: GoldenFixtures.patientKey, context: GoldenFixtures.context,
                                      header: RecordHeader(parsing: bytes(hex: vector.header)))
        for (index, (chunk, expected)) in zip(chunks, vector.segments).enumerated() {
            let isFinal = index == chunks.count - 1
            let sealed = try sealer.sealSegment(chunk, isFinal: isFinal)
            if let expectedSealed = expected.sealed { #expect(hex(sealed) == expectedSealed) }
            if let expectedDigest = expected.sha256 { #expect(hex(Digest.sha256(sealed)) == expectedDigest) }
            #expect(try opener.openSegment(sealed, index: UInt32(index), isFinal: isFinal) == chunk)
        }
    }

    @Test func headerRoundTripsAnd45Bytes() throws {
        let header = try RecordSealer(patientKey: SecretBytes(randomCount: 32), context: GoldenFixtures.context).header
        #expect(header.encoded.count == 45 && RecordHeader.encodedByteCount == 45)
        #expect(try RecordHeader(parsing: header.encoded) == header)
    }

    static let malformedHeaders: [([UInt8], CryptoError)] = [
        ([], .malformedRecordHeader(reason: "expected 45 bytes, found 0")),
        ([UInt8](repeating: 0, count: 46), .malformedRecordHeader(reason: "expected 45 bytes, found 46")),
        (Array("CPSX".utf8) + [UInt8](repeating: 1, count: 41), .malformedRecordHeader(reason: "it does not start with \"CPSR\"")),
        (Array("CPSR".utf8) + [2] + [UInt8](repeating: 0, count: 40), .unsupportedFormatVersion(format: "record envelope", version: 2)),
    ]

    @Test(arguments: malformedHeaders)
    func malformedHeadersAreRejected(bytes: [UInt8], error: CryptoError) {
        #expect(throws: error) { try RecordHeader(parsing: bytes) }
    }

    @Test func sealerEnforcesSegmentRules() throws {
        let sealer = try RecordSealer(patientKey: GoldenFixtures.patientKey, context: GoldenFixtures.context)
        #expect(throws: CryptoError.segmentRejected(reason: "a segment that is not final must hold 65536 bytes, not 10")) {
            try sealer.sealSegment([UInt8](repeating: 0, count: 10), isFinal: false)
        }
        #expect(throws: CryptoError.segmentRejected(reason: "65537 bytes is more than a segment holds")) {
            try sealer.sealSegment([UInt8](repeating: 0, count: 65537), isFinal: true)
        }
        _ = try sealer.sealSegment([], isFinal: true)
        #expect(throws: CryptoError.segmentRejected(reason: "the final segment is already sealed")) {
            try sealer.sealSegment([], isFinal: true)
        }
    }

    @Test(arguments: [15, 17])
    func identifiersMustHave16Bytes(count: Int) throws {
        var context = GoldenFixtures.context
        context.patientID = [UInt8](repeating: 0, count: count)
        #expect(throws: CryptoError.invalidLength(of: "A record context's patient id", expected: 16, found: count)) {
            try RecordSealer(patientKey: GoldenFixtures.patientKey, context: context)
        }
    }

    @Test func sealsOfTheSameContentDiffer() throws {
        let first = try RecordSealer(patientKey: GoldenFixtures.patientKey, context: GoldenFixtures.context)
        let second = try RecordSealer(patientKey: GoldenFixtures.patientKey, context: GoldenFixtures.context)
        #expect(first.header.noncePrefix != second.header.noncePrefix)
        #expect(try first.sealSegment([1, 2, 3], isFinal: true) != second.sealSegment([1, 2, 3], isFinal: true))
    }

    /// `plaintext` cut into full segments and a final one of at most a segment; an empty record is one empty segment.
    static func segments(of plaintext: [UInt8]) -> [[UInt8]] {
        let size = RecordHeader.segmentSize
        let chunks = stride(from: 0, to: plaintext.count, by: size).map { Array(plaintext[$0..<min($0 + size, plaintext.count)]) }
        return chunks.isEmpty ? [[]] : chunks
    }
}
