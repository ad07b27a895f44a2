import Testing
@testable import VaultCrypto

/// Every way of presenting a record other than exactly as sealed fails with no plaintext.
@Suite struct RecordTamperTests {
    /// A three-segment record (two full, one short) sealed under the golden key and context.
    struct Sealed {
        let header: RecordHeader
        let segments: [[UInt8]]
        let plaintexts: [[UInt8]]

        init(key: SecretBytes = GoldenFixtures.patientKey, context: RecordContext = GoldenFixtures.context) throws {
            let sealer = try RecordSealer(patientKey: key, context: context)
            let plaintexts = RecordEnvelopeTests.segments(of: GoldenFixtures.pattern(count: 2 * RecordHeader.segmentSize + 300))
            segments = try plaintexts.enumerated().map { index, plaintext in
                try sealer.sealSegment(plaintext, isFinal: index == plaintexts.count - 1)
            }
            self.plaintexts = plaintexts
            header = sealer.header
        }

        func opener(key: SecretBytes = GoldenFixtures.patientKey, context: RecordContext = GoldenFixtures.context) throws -> RecordOpener {
            try RecordOpener(patientKey: key, context: context, header: header)
        }
    }

    enum ContextField: CaseIterable, Sendable {
        case vaultID, patientID, recordID, recordVersion, keyVersion, contentType

        func altered(_ context: RecordContext) -> RecordContext {
            var context = context
            switch self {
            case .vaultID: context.vaultID[15] ^= 1
            case .patientID: context.patientID[0] ^= 1
            case .recordID: context.recordID[7] ^= 1
            case .recordVersion: context.recordVersion += 1
            case .keyVersion: context.keyVersion -= 1
            case .contentType: context.contentType = "text/plain"
            }
            return context
        }
    }

    @Test func untouchedRecordOpens() throws {
        let record = try Sealed()
        let opener = try record.opener()
        for (index, sealed) in record.segments.enumerated() {
            #expect(try opener.openSegment(sealed, index: UInt32(index), isFinal: index == 2) == record.plaintexts[index])
        }
    }

    @Test func everyFlippedHeaderByteFails() throws {
        let record = try Sealed()
        let encoded = record.header.encoded
        for index in encoded.indices {
            var tampered = encoded
            tampered[index] ^= 0x01
            #expect(throws: CryptoError.self, "header byte \(index)") {
                let opener = try RecordOpener(patientKey: GoldenFixtures.patientKey, context: GoldenFixtures.context,
                                              header: RecordHeader(parsing: tampered))
                _ = try opener.openSegment(record.segments[0], index: 0, isFinal: false)
            }
        }
        // Past the magic and version, a changed header is refused by the commitment check alone.
        for index in 5..<encoded.count {
            var tampered = encoded
            tampered[index] ^= 0x80
            #expect(throws: CryptoError.authenticationFailed, "header byte \(index)") {
                try RecordOpener(patientKey: GoldenFixtures.patientKey, context: GoldenFixtures.context, header: RecordHeader(parsing: tampered))
            }
        }
    }

    @Test func everyFlippedByteOfTheFinalSegmentAndItsTagFails() throws {
        let record = try Sealed()
        let opener = try record.opener()
        let final = record.segments[2]
        for index in final.indices {
            var tampered = final
            tampered[index] ^= 0x01
            #expect(throws: CryptoError.authenticationFailed, "byte \(index)") { try opener.openSegment(tampered, index: 2, isFinal: true) }
        }
    }

    @Test func flippedBytesAcrossAFullSegmentFail() throws {
        let record = try Sealed()
        let opener = try record.opener()
        let full = record.segments[0]
        // Every 61st byte (all 16-byte blocks are hit) plus every byte of the tag.
        for index in Array(stride(from: 0, to: full.count, by: 61)) + Array(full.indices.suffix(16)) {
            var tampered = full
            tampered[index] ^= 0x40
            #expect(throws: CryptoError.authenticationFailed, "byte \(index)") { try opener.openSegment(tampered, index: 0, isFinal: false) }
        }
    }

    @Test func swappedOrDuplicatedSegmentsFail() throws {
        let record = try Sealed()
        let opener = try record.opener()
        #expect(throws: CryptoError.authenticationFailed) { try opener.openSegment(record.segments[1], index: 0, isFinal: false) }
        #expect(throws: CryptoError.authenticationFailed) { try opener.openSegment(record.segments[0], index: 1, isFinal: false) }
        #expect(throws: CryptoError.authenticationFailed) { try opener.openSegment(record.segments[2], index: 1, isFinal: true) }
    }

    @Test func droppedFinalSegmentFails() throws {
        let record = try Sealed()
        // With the last segment gone, segment 1 is presented as the last one stored.
        #expect(throws: CryptoError.authenticationFailed) { try record.opener().openSegment(record.segments[1], index: 1, isFinal: true) }
    }

    @Test func finalSegmentPresentedAsNotFinalFails() throws {
        let record = try Sealed()
        #expect(throws: CryptoError.authenticationFailed) { try record.opener().openSegment(record.segments[2], index: 2, isFinal: false) }
    }

    @Test(arguments: [0, 1, 16, 100, 315])
    func truncatedFinalSegmentFails(keeping count: Int) throws {
        let record = try Sealed()
        #expect(throws: CryptoError.authenticationFailed) {
            try record.opener().openSegment(Array(record.segments[2].prefix(count)), index: 2, isFinal: true)
        }
    }

    @Test func truncatedFullSegmentFails() throws {
        let record = try Sealed()
        let opener = try record.opener()
        #expect(throws: CryptoError.authenticationFailed) { try opener.openSegment(Array(record.segments[0].dropLast()), index: 0, isFinal: false) }
        #expect(throws: CryptoError.authenticationFailed) { try opener.openSegment(Array(record.segments[0].dropLast()), index: 0, isFinal: true) }
    }

    @Test(arguments: ContextField.allCases)
    func wrongContextFieldFails(_ field: ContextField) throws {
        let record = try Sealed()
        let wrongContext = field.altered(GoldenFixtures.context)
        #expect(throws: CryptoError.authenticationFailed) { try record.opener(context: wrongContext) }
        // Even with a commitment recomputed for the wrong context, no segment opens.
        let forged = try RecordSealer(patientKey: GoldenFixtures.patientKey, context: wrongContext, noncePrefix: record.header.noncePrefix)
        let opener = try RecordOpener(patientKey: GoldenFixtures.patientKey, context: wrongContext, header: forged.header)
        #expect(throws: CryptoError.authenticationFailed) { try opener.openSegment(record.segments[0], index: 0, isFinal: false) }
    }

    @Test func wrongKeyFails() throws {
        let record = try Sealed()
        #expect(throws: CryptoError.authenticationFailed) { try record.opener(key: SecretBytes(randomCount: 32)) }
    }

    @Test func secondKeyWithAForgedHeaderFails() throws {
        let record = try Sealed()
        let secondKey = try SecretBytes(randomCount: 32)
        // A header whose commitment is made under the second key, for the same context and nonce prefix.
        let forged = try RecordSealer(patientKey: secondKey, context: GoldenFixtures.context, noncePrefix: record.header.noncePrefix).header
        #expect(throws: CryptoError.authenticationFailed) {
            try RecordOpener(patientKey: GoldenFixtures.patientKey, context: GoldenFixtures.context, header: forged)
        }
        let opener = try RecordOpener(patientKey: secondKey, context: GoldenFixtures.context, header: forged)
        for (index, sealed) in record.segments.enumerated() {
            #expect(throws: CryptoError.authenticationFailed) { try opener.openSegment(sealed, index: UInt32(index), isFinal: index == 2) }
        }
    }

    @Test func headerOfAnotherRecordFails() throws {
        let record = try Sealed()
        let other = try Sealed()
        #expect(throws: CryptoError.authenticationFailed) {
            try RecordOpener(patientKey: GoldenFixtures.patientKey, context: GoldenFixtures.context,
                             header: RecordHeader(noncePrefix: other.header.noncePrefix, commitment: record.header.commitment))
        }
        let opener = try other.opener()
        #expect(throws: CryptoError.authenticationFailed) { try opener.openSegment(record.segments[0], index: 0, isFinal: false) }
    }
}
