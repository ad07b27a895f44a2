/// File control parameters: the FCP template (tag 62) a card returns on SELECT (ISO 7816-4 section 7.4),
/// restricted to the tags IAS-ECC cards such as the CPS3 use.
///
/// Parsing accepts what ISO 7816-4 allows and real cards send: the template 62, or an FCI template 6F holding
/// the FCP fields or a nested 62; 00 or FF padding around data objects; proprietary (85, A5) and unknown tags,
/// which are skipped; and tag 88 empty, which means the file has no short EF identifier. Encoding writes
/// 80, 82, 83, 84, 88, A1 { 8C, 9C }, 8A in that order, as the CPS3 does.
public struct FileControlParameters: Sendable, Hashable {
    /// Number of data bytes in the file (tag 80, or 81 when 80 is absent).
    public var size: Int?
    /// File descriptor byte and its optional data coding and record bytes (tag 82).
    public var descriptor: [UInt8]?
    /// File identifier (tag 83).
    public var fileID: UInt16?
    /// DF name, i.e. the application identifier of a DF (tag 84).
    public var dfName: [UInt8]?
    /// Short EF identifier 1...30 (tag 88, whose byte holds it in bits 8 to 4).
    public var shortFileID: UInt8?
    /// Life cycle status byte (tag 8A).
    public var lifeCycle: UInt8?
    /// Security attributes in compact format (tag 8C contents, directly or inside A1).
    public var accessRules: [UInt8]?
    /// IAS-ECC security attributes for the contactless interface (tag 9C contents inside A1).
    public var securityAttributes: [UInt8]?

    /// True when the descriptor byte is 38, a dedicated file (directory or application).
    public var isDirectory: Bool {
        descriptor?.first == 0x38
    }

    /// True for a record-structured working EF (linear fixed, linear variable or cyclic: descriptor bits 3 to
    /// 1 from 010 to 111), whose content is read record by record, as an EF.DIR may be (ISO 7816-4 8.2.1.1).
    public var isRecordStructured: Bool {
        guard let byte = descriptor?.first, byte & 0x38 == 0 else { return false }
        return (2...7).contains(byte & 0x07)
    }

    /// Builds file control parameters from their fields; absent fields are not encoded.
    public init(
        size: Int? = nil, descriptor: [UInt8]? = nil, fileID: UInt16? = nil, dfName: [UInt8]? = nil,
        shortFileID: UInt8? = nil, lifeCycle: UInt8? = nil, accessRules: [UInt8]? = nil,
        securityAttributes: [UInt8]? = nil
    ) {
        self.size = size
        self.descriptor = descriptor
        self.fileID = fileID
        self.dfName = dfName
        self.shortFileID = shortFileID
        self.lifeCycle = lifeCycle
        self.accessRules = accessRules
        self.securityAttributes = securityAttributes
    }

    /// Parses an FCP (62) or FCI (6F) template, optionally followed by 00 or FF padding.
    ///
    /// Throws `SmartCardError.malformedTLV` for broken TLV and `SmartCardError.malformedFileControlParameters`
    /// for a wrong outer tag, data after the template, or a field of the wrong size; the reason names the tag.
    public init(parsing bytes: [UInt8]) throws(SmartCardError) {
        let objects = try BERTLV.parseAll(bytes, skippingPadding: true)
        guard let template = objects.first else {
            throw .malformedFileControlParameters(reason: "the answer holds no template, only \(bytes.count) padding bytes")
        }
        guard objects.count == 1 else {
            throw .malformedFileControlParameters(
                reason: "\(objects.count - 1) data object(s) follow the \(TLVScanner.hex(template.tag)) template")
        }
        guard template.tag == 0x62 || template.tag == 0x6F else {
            throw .malformedFileControlParameters(
                reason: "the template tag is \(TLVScanner.hex(template.tag)), not 62 (FCP) or 6F (FCI)")
        }
        self.init()
        var sizeFrom81: Int?
        for field in try Self.fields(of: template) {
            switch field.tag {
            case 0x80: size = try Self.fileSize(field)
            case 0x81: sizeFrom81 = try Self.fileSize(field)
            case 0x82: descriptor = try Self.nonEmpty(field)
            case 0x83: fileID = try Self.fileIdentifier(field)
            case 0x84: dfName = try Self.nonEmpty(field)
            case 0x88: shortFileID = try Self.shortIdentifier(field)
            case 0x8A: lifeCycle = try Self.singleByte(field)
            case 0x8C: accessRules = field.value
            case 0xA1:
                for attribute in try BERTLV.parseAll(field.value, skippingPadding: true) {
                    switch attribute.tag {
                    case 0x8C: accessRules = attribute.value
                    case 0x9C: securityAttributes = attribute.value
                    default: continue
                    }
                }
            default: continue
            }
        }
        size = size ?? sizeFrom81
    }

    /// The fields of a 62 template, or of an FCI 6F whose FCP fields sit directly in it or in a nested 62.
    private static func fields(of template: BERTLV) throws(SmartCardError) -> [BERTLV] {
        let fields = try BERTLV.parseAll(template.value, skippingPadding: true)
        guard template.tag == 0x6F, let nested = fields.first(where: { $0.tag == 0x62 }) else {
            return fields
        }
        return try BERTLV.parseAll(nested.value, skippingPadding: true) + fields.filter { $0.tag != 0x62 }
    }

    /// The FCP template; access rules go inside A1 { 8C [9C] } as the CPS3 writes them.
    public var encoded: [UInt8] {
        var fields: [BERTLV] = []
        if let size {
            fields.append(BERTLV(tag: 0x80, value: Self.bigEndian(size, minimumBytes: 2)))
        }
        if let descriptor {
            fields.append(BERTLV(tag: 0x82, value: descriptor))
        }
        if let fileID {
            fields.append(BERTLV(tag: 0x83, value: [UInt8(fileID >> 8), UInt8(fileID & 0xFF)]))
        }
        if let dfName {
            fields.append(BERTLV(tag: 0x84, value: dfName))
        }
        if let shortFileID {
            fields.append(BERTLV(tag: 0x88, value: [shortFileID << 3]))
        }
        let attributes = [(0x8C, accessRules), (0x9C, securityAttributes)].compactMap { tag, value in
            value.map { BERTLV(tag: UInt32(tag), value: $0) }
        }
        if !attributes.isEmpty {
            fields.append(BERTLV(tag: 0xA1, children: attributes))
        }
        if let lifeCycle {
            fields.append(BERTLV(tag: 0x8A, value: [lifeCycle]))
        }
        return BERTLV(tag: 0x62, children: fields).encoded
    }

    private static func fileSize(_ field: BERTLV) throws(SmartCardError) -> Int {
        guard (1...4).contains(field.value.count) else {
            throw .malformedFileControlParameters(
                reason: "file size (tag \(TLVScanner.hex(field.tag))) has \(field.value.count) bytes, expected 1 to 4")
        }
        return field.value.reduce(0) { $0 << 8 | Int($1) }
    }

    private static func fileIdentifier(_ field: BERTLV) throws(SmartCardError) -> UInt16 {
        guard field.value.count == 2 else {
            throw .malformedFileControlParameters(reason: "file identifier (tag 83) has \(field.value.count) bytes, expected 2")
        }
        return UInt16(field.value[0]) << 8 | UInt16(field.value[1])
    }

    /// Tag 88: empty when the file has no short EF identifier (ISO 7816-4 table 12), else one byte with the
    /// identifier in bits 8 to 4.
    private static func shortIdentifier(_ field: BERTLV) throws(SmartCardError) -> UInt8? {
        guard field.value.count <= 1 else {
            throw .malformedFileControlParameters(
                reason: "short EF identifier (tag 88) has \(field.value.count) bytes, expected 0 or 1")
        }
        guard let byte = field.value.first else {
            return nil
        }
        guard byte & 0x07 == 0, byte != 0, byte != 0xF8 else {
            throw .malformedFileControlParameters(reason: "short EF identifier byte \(Hex.byte(byte)) is not a valid SFI << 3")
        }
        return byte >> 3
    }

    private static func singleByte(_ field: BERTLV) throws(SmartCardError) -> UInt8 {
        guard field.value.count == 1 else {
            throw .malformedFileControlParameters(
                reason: "tag \(TLVScanner.hex(field.tag)) has \(field.value.count) bytes, expected 1")
        }
        return field.value[0]
    }

    private static func nonEmpty(_ field: BERTLV) throws(SmartCardError) -> [UInt8] {
        guard !field.value.isEmpty else {
            throw .malformedFileControlParameters(reason: "tag \(TLVScanner.hex(field.tag)) is empty")
        }
        return field.value
    }

    private static func bigEndian(_ value: Int, minimumBytes: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        while rest > 0 || bytes.count < minimumBytes {
            bytes.insert(UInt8(truncatingIfNeeded: rest), at: 0)
            rest >>= 8
        }
        return bytes
    }
}
