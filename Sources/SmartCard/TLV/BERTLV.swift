/// One BER-TLV data object (ISO 7816-4 section 6.3): a tag of up to 4 bytes and a value, which for a
/// constructed object is the concatenation of its children.
///
/// Parsing accepts definite lengths of up to 4 length bytes; encoding always writes the shortest length.
public struct BERTLV: Sendable, Hashable {
    /// The tag bytes as a big-endian number, e.g. 0x62, 0x7F41, 0xBF8101.
    public var tag: UInt32
    /// The value bytes; for a constructed object, the encoded children.
    public var value: [UInt8]

    /// A data object with the given tag and value bytes.
    public init(tag: UInt32, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// A constructed data object whose value is the encoding of `children`.
    public init(tag: UInt32, children: [BERTLV]) {
        self.init(tag: tag, value: children.flatMap(\.encoded))
    }

    /// True when bit 6 of the tag's first byte is set (the object contains other objects).
    public var isConstructed: Bool {
        Self.tagBytes(tag)[0] & 0x20 != 0
    }

    /// Tag, shortest definite length and value.
    public var encoded: [UInt8] {
        Self.tagBytes(tag) + Self.lengthBytes(value.count) + value
    }

    /// Parses a sequence of data objects that must use the whole buffer.
    ///
    /// With `skippingPadding`, bytes 00 and FF between, before and after objects are skipped as ISO 7816-4
    /// allows; otherwise they are an error. Throws `SmartCardError.malformedTLV` for any malformed object.
    public static func parseAll(_ bytes: [UInt8], skippingPadding: Bool = false) throws(SmartCardError) -> [BERTLV] {
        var scanner = TLVScanner(bytes)
        var objects: [BERTLV] = []
        while let first = scanner.nextByte {
            if first == 0x00 || first == 0xFF {
                guard skippingPadding else {
                    throw .malformedTLV(reason: "padding byte \(Hex.byte(first)) where a tag was expected")
                }
                scanner.skipByte()
                continue
            }
            let element = try scanner.next()
            objects.append(BERTLV(tag: element.tag, value: Array(bytes[element.valueRange])))
        }
        return objects
    }

    /// Parses exactly one data object; trailing bytes and padding are errors.
    public static func parseOne(_ bytes: [UInt8]) throws(SmartCardError) -> BERTLV {
        let objects = try parseAll(bytes)
        guard objects.count == 1, let object = objects.first else {
            throw .malformedTLV(reason: "expected exactly one data object, found \(objects.count)")
        }
        return object
    }

    /// The direct children of a constructed object. Throws for a primitive object or malformed value.
    public func children() throws(SmartCardError) -> [BERTLV] {
        guard isConstructed else {
            throw .malformedTLV(reason: "tag \(TLVScanner.hex(tag)) is primitive and has no children")
        }
        return try Self.parseAll(value)
    }

    /// The first direct child with the given tag, or nil when there is none.
    public func child(_ tag: UInt32) throws(SmartCardError) -> BERTLV? {
        try children().first { $0.tag == tag }
    }

    /// The tag's bytes without leading zero bytes; tag 0 is the single byte 00.
    static func tagBytes(_ tag: UInt32) -> [UInt8] {
        let all = (0..<4).reversed().map { UInt8(truncatingIfNeeded: tag >> (8 * $0)) }
        let significant = all.drop { $0 == 0 }
        return significant.isEmpty ? [0] : Array(significant)
    }

    /// The shortest definite length encoding of `count`.
    static func lengthBytes(_ count: Int) -> [UInt8] {
        if count < 0x80 {
            return [UInt8(count)]
        }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(truncatingIfNeeded: rest), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
