import Testing
@testable import SmartCard

@Suite struct CommandAPDUTests {
    static let bytes300 = (0..<300).map { UInt8(truncatingIfNeeded: $0) }

    /// One command per ISO 7816-3 case with its exact encoding.
    static let cases: [(String, CommandAPDU, [UInt8])] = [
        ("1", CommandAPDU(ins: 0x20, p1: 0x00, p2: 0x01), [0x00, 0x20, 0x00, 0x01]),
        ("2S", CommandAPDU(ins: 0xB0, p1: 0x00, p2: 0x00, expectedLength: 0xE7), [0x00, 0xB0, 0x00, 0x00, 0xE7]),
        ("2S Le=256", CommandAPDU(ins: 0xC0, p1: 0, p2: 0, expectedLength: 256), [0x00, 0xC0, 0x00, 0x00, 0x00]),
        ("3S", CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: [0x3F, 0x00]),
         [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x3F, 0x00]),
        ("4S", CommandAPDU(ins: 0x88, p1: 0, p2: 0, data: [1, 2, 3], expectedLength: 256),
         [0x00, 0x88, 0x00, 0x00, 0x03, 1, 2, 3, 0x00]),
        ("2E", CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 0x0123),
         [0x00, 0xB0, 0x00, 0x00, 0x00, 0x01, 0x23]),
        ("2E Le=65536", CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: 65536),
         [0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00]),
        ("3E", CommandAPDU(ins: 0xD6, p1: 0, p2: 0, data: bytes300),
         [0x00, 0xD6, 0x00, 0x00, 0x00, 0x01, 0x2C] + bytes300),
        ("4E", CommandAPDU(ins: 0x2A, p1: 0x80, p2: 0x86, data: bytes300, expectedLength: 65536),
         [0x00, 0x2A, 0x80, 0x86, 0x00, 0x01, 0x2C] + bytes300 + [0x00, 0x00]),
        ("4E by Ne", CommandAPDU(ins: 0x88, p1: 0, p2: 0, data: [9], expectedLength: 512),
         [0x00, 0x88, 0x00, 0x00, 0x00, 0x00, 0x01, 9, 0x02, 0x00]),
    ]

    @Test(arguments: cases)
    func encodesAndParses(name: String, command: CommandAPDU, bytes: [UInt8]) throws {
        #expect(try command.encoded() == bytes, "case \(name)")
        #expect(try CommandAPDU(parsing: bytes) == command, "case \(name)")
        #expect(command.isExtended == name.hasPrefix("2E") || name.hasPrefix("3E") || name.hasPrefix("4E"))
    }

    @Test(arguments: [
        [UInt8](), [0x00], [0x00, 0xA4, 0x04],
        [0x00, 0xA4, 0x04, 0x0C, 0x02, 0x3F],              // Lc 2, one byte present
        [0x00, 0xA4, 0x04, 0x0C, 0x02, 0x3F, 0x00, 0x00, 0x00],  // Lc 2, three bytes follow
        [0x00, 0xB0, 0x00, 0x00, 0x00, 0x01],              // extended length cut short
        [0x00, 0xD6, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01],  // extended Lc 0000 with data
        [0x00, 0xD6, 0x00, 0x00, 0x00, 0x00, 0x02, 0x01],  // extended Lc 2, one byte present
        [0x00, 0xD6, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00],  // extended Lc 1 with a one-byte Le
    ])
    func rejectsMalformed(bytes: [UInt8]) {
        #expect(throws: SmartCardError.self) { try CommandAPDU(parsing: bytes) }
    }

    @Test(arguments: [0, -1, 65537])
    func rejectsNeOutOfRange(ne: Int) {
        let command = CommandAPDU(ins: 0xB0, p1: 0, p2: 0, expectedLength: ne)
        #expect {
            try command.encoded()
        } throws: { error in
            guard case .invalidCommand = error as? SmartCardError else { return false }
            return true
        }
    }

    @Test func rejectsOversizedData() {
        let command = CommandAPDU(ins: 0xD6, p1: 0, p2: 0, data: [UInt8](repeating: 0, count: 65536))
        #expect(throws: SmartCardError.self) { try command.encoded() }
    }

    @Test(arguments: [0x20, 0x21, 0x24, 0x2C] as [UInt8])
    func descriptionMasksReferenceData(ins: UInt8) {
        let command = CommandAPDU(ins: ins, p1: 0x00, p2: 0x01, data: Array("1234".utf8))
        let text = command.description
        #expect(!text.contains("31 32 33 34"))
        #expect(!text.contains("1234"))
        #expect(text.hasPrefix("00 \(Hex.byte(ins)) 00 01 Lc=4"))
        #expect(text.contains("hidden"))
    }

    @Test func descriptionShowsOtherData() {
        let command = CommandAPDU(ins: 0xA4, p1: 0x09, p2: 0x04, data: [0x3F, 0x00, 0x2F, 0x01], expectedLength: 256)
        #expect(command.description == "00 A4 09 04 Lc=4 3F 00 2F 01 Le=256")
    }
}
