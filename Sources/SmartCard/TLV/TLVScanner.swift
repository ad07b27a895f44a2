/// Reads BER-TLV headers (ISO 7816-4 section 6.3 / X.690 subset) out of a byte buffer, one object at a time.
///
/// Tags are at most 4 bytes and lengths definite with at most 4 length bytes; every read is bounds-checked
/// and throws `SmartCardError.malformedTLV` instead of trapping.
struct TLVScanner {
    /// Where one object sits in the scanned buffer.
    struct Element {
        var tag: UInt32
        /// The whole object, tag to last value byte.
        var range: Range<Int>
        var valueRange: Range<Int>
    }

    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.offset = 0
    }

    var isAtEnd: Bool { offset >= bytes.count }

    /// The byte at the current offset, if any.
    var nextByte: UInt8? { isAtEnd ? nil : bytes[offset] }

    /// Moves past one byte; used to skip padding.
    mutating func skipByte() {
        offset += 1
    }

    /// Reads the next object's header and moves past its value.
    mutating func next() throws(SmartCardError) -> Element {
        let start = offset
        let tag = try readTag()
        let length = try readLength()
        guard length <= bytes.count - offset else {
            throw .malformedTLV(
                reason: "tag \(Self.hex(tag)) announces \(length) value bytes but only \(bytes.count - offset) remain")
        }
        let valueRange = offset..<(offset + length)
        offset = valueRange.upperBound
        return Element(tag: tag, range: start..<offset, valueRange: valueRange)
    }

    private mutating func readTag() throws(SmartCardError) -> UInt32 {
        guard let first = nextByte else {
            throw .malformedTLV(reason: "a tag was expected at offset \(offset) but the data ended")
        }
        offset += 1
        var tag = UInt32(first)
        guard first & 0x1F == 0x1F else {
            return tag
        }
        var tagLength = 1
        while true {
            guard let byte = nextByte else {
                throw .malformedTLV(reason: "multi-byte tag starting \(Self.hex(tag)) has no last byte")
            }
            offset += 1
            tagLength += 1
            guard tagLength <= 4 else {
                throw .malformedTLV(reason: "tag starting \(Self.hex(tag)) is longer than 4 bytes")
            }
            tag = tag << 8 | UInt32(byte)
            if byte & 0x80 == 0 {
                return tag
            }
        }
    }

    private mutating func readLength() throws(SmartCardError) -> Int {
        guard let first = nextByte else {
            throw .malformedTLV(reason: "a length was expected at offset \(offset) but the data ended")
        }
        offset += 1
        if first < 0x80 {
            return Int(first)
        }
        let count = Int(first & 0x7F)
        guard count != 0 else {
            throw .malformedTLV(reason: "indefinite length (80) at offset \(offset - 1) is not supported")
        }
        guard count <= 4 else {
            throw .malformedTLV(reason: "a length of \(count) bytes at offset \(offset - 1) exceeds the 4 supported")
        }
        guard count <= bytes.count - offset else {
            throw .malformedTLV(reason: "a \(count)-byte length at offset \(offset - 1) is cut short")
        }
        let length = bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
        offset += count
        return length
    }

    static func hex(_ tag: UInt32) -> String {
        BERTLV.tagBytes(tag).map(Hex.byte).joined()
    }
}
