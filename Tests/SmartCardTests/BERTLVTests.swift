import Testing
@testable import SmartCard

@Suite struct BERTLVTests {
    @Test(arguments: [
        (0x62 as UInt32, [UInt8](), [0x62, 0x00] as [UInt8], true),
        (0x4F, [0x80, 0x25], [0x4F, 0x02, 0x80, 0x25], false),
        (0x7F41, [0x01], [0x7F, 0x41, 0x01, 0x01], true),
        (0x5F2D, [0x66, 0x72], [0x5F, 0x2D, 0x02, 0x66, 0x72], false),
        (0xBF8101, [0xA0, 0x00], [0xBF, 0x81, 0x01, 0x02, 0xA0, 0x00], true),
        (0xDF818201, [0x09], [0xDF, 0x81, 0x82, 0x01, 0x01, 0x09], false),
    ])
    func multiByteTags(tag: UInt32, value: [UInt8], bytes: [UInt8], constructed: Bool) throws {
        let object = BERTLV(tag: tag, value: value)
        #expect(object.encoded == bytes)
        #expect(object.isConstructed == constructed)
        #expect(try BERTLV.parseOne(bytes) == object)
    }

    @Test(arguments: [
        (0, [0x00] as [UInt8]), (0x7F, [0x7F]), (0x80, [0x81, 0x80]), (0xFF, [0x81, 0xFF]),
        (0x100, [0x82, 0x01, 0x00]), (0xFFFF, [0x82, 0xFF, 0xFF]), (0x10000, [0x83, 0x01, 0x00, 0x00]),
    ])
    func lengths(count: Int, lengthBytes: [UInt8]) throws {
        let object = BERTLV(tag: 0x53, value: [UInt8](repeating: 0xA5, count: count))
        #expect(object.encoded == [0x53] + lengthBytes + object.value)
        #expect(try BERTLV.parseOne(object.encoded) == object)
    }

    @Test func nonMinimalLengthsAreAccepted() throws {
        #expect(try BERTLV.parseOne([0x53, 0x84, 0x00, 0x00, 0x00, 0x01, 0x07]) == BERTLV(tag: 0x53, value: [7]))
    }

    @Test(arguments: [
        ("empty", [UInt8]()),
        ("truncated value", [0x53, 0x03, 0x01, 0x02]),
        ("length longer than buffer", [0x53, 0x82, 0x01, 0x00, 0x01]),
        ("length bytes missing", [0x53, 0x82, 0x01]),
        ("5-byte length", [0x53, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01, 0x07]),
        ("huge length", [0x53, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]),
        ("indefinite length", [0x73, 0x80, 0x00, 0x00]),
        ("trailing bytes", [0x53, 0x01, 0x07, 0x00]),
        ("two objects", [0x53, 0x01, 0x07, 0x53, 0x00]),
        ("tag with no end", [0x5F, 0x81]),
        ("tag with no length", [0x5F, 0x2D]),
        ("tag longer than 4 bytes", [0xDF, 0x81, 0x81, 0x81, 0x01, 0x00]),
        ("padding only", [0x00]),
    ])
    func malformedInputsThrow(name: String, bytes: [UInt8]) {
        #expect(throws: SmartCardError.self, "\(name)") { try BERTLV.parseOne(bytes) }
    }

    @Test func paddingOnlyWhereAsked() throws {
        let bytes: [UInt8] = [0x00, 0x53, 0x01, 0x07, 0xFF, 0xFF, 0x54, 0x00, 0x00, 0x00]
        #expect(throws: SmartCardError.self) { try BERTLV.parseAll(bytes) }
        #expect(try BERTLV.parseAll(bytes, skippingPadding: true)
            == [BERTLV(tag: 0x53, value: [7]), BERTLV(tag: 0x54, value: [])])
    }

    @Test func childrenAndLookup() throws {
        let object = BERTLV(tag: 0x70, children: [
            BERTLV(tag: 0x9A, value: [3]), BERTLV(tag: 0x9B, value: [2]), BERTLV(tag: 0x9B, value: [1]),
        ])
        #expect(try object.children().count == 3)
        #expect(try object.child(0x9B)?.value == [2])
        #expect(try object.child(0x9C) == nil)
        #expect(throws: SmartCardError.self) { try BERTLV(tag: 0x9A, value: [3]).children() }
        #expect(throws: SmartCardError.self) { try BERTLV(tag: 0x70, value: [0x9A, 0x05]).children() }
    }

    /// The PIN descriptor a real CPS3 returns from GET DATA (docs/CARD.md).
    @Test func realPINDescriptor() throws {
        let bytes: [UInt8] = [
            0x70, 0x16, 0xBF, 0x81, 0x01, 0x12, 0xA0, 0x10, 0x9A, 0x01, 0x03, 0x9B, 0x01, 0x03,
            0xA1, 0x08, 0x8C, 0x06, 0xF3, 0x00, 0x00, 0x13, 0xFF, 0x00,
        ]
        let outer = try BERTLV.parseOne(bytes)
        #expect(outer.tag == 0x70)
        let chv = try #require(try outer.child(0xBF8101))
        #expect(chv.isConstructed)
        let descriptor = try #require(try chv.child(0xA0))
        #expect(try descriptor.child(0x9A)?.value == [0x03])
        #expect(try descriptor.child(0x9B)?.value == [0x03])
        #expect(try descriptor.child(0xA1)?.child(0x8C)?.value == [0xF3, 0x00, 0x00, 0x13, 0xFF, 0x00])
        #expect(outer.encoded == bytes)
    }
}
