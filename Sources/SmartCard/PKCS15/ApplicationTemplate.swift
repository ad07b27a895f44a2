/// One EF.DIR record (ISO 7816-4 section 8.2.1.1): the application template 61 { 4F AID, 50 label,
/// 51 path, 73 discretionary data }, in BER-TLV.
///
/// A CPS3's EF.DIR holds one template per interface: the contact application, then the contactless one,
/// whose discretionary data names the contact application's AID; the template's own 4F says which
/// application it describes.
public struct ApplicationTemplate: Sendable, Hashable {
    /// The application identifier (tag 4F), 1 to 16 bytes.
    public var aid: [UInt8]
    /// The application label (tag 50), e.g. "CPX IAS".
    public var label: String?
    /// The application's path from the MF (tag 51), e.g. 3F 00 00 01.
    public var path: [UInt8]?
    /// Discretionary data objects (tag 73 contents), kept as bytes.
    public var discretionaryData: [UInt8]?

    /// An application template from its fields.
    public init(aid: [UInt8], label: String? = nil, path: [UInt8]? = nil, discretionaryData: [UInt8]? = nil) {
        self.aid = aid
        self.label = label
        self.path = path
        self.discretionaryData = discretionaryData
    }

    /// The AID in the discretionary data (73 { 4F ... }), which OpenSC attaches to the application's objects;
    /// nil when there is none or the discretionary data is not BER-TLV.
    public var discretionaryAID: [UInt8]? {
        guard let data = discretionaryData, let objects = try? BERTLV.parseAll(data, skippingPadding: true) else {
            return nil
        }
        return objects.first { $0.tag == 0x4F }?.value
    }

    /// The template describing the application `aid` among EF.DIR's templates, by its own AID (tag 4F).
    public static func application(_ aid: [UInt8], in templates: [ApplicationTemplate]) -> ApplicationTemplate? {
        templates.first { $0.aid == aid }
    }

    /// Parses EF.DIR content: application templates with 00 or FF padding between and after them.
    ///
    /// Throws `SmartCardError.malformedTLV` for broken TLV and `SmartCardError.malformedPKCS15` for an object
    /// that is not a template 61, a missing or oversized AID, or a label that is not UTF-8.
    public static func parseDirectory(_ efDir: [UInt8]) throws(SmartCardError) -> [ApplicationTemplate] {
        var templates: [ApplicationTemplate] = []
        for object in try BERTLV.parseAll(efDir, skippingPadding: true) {
            templates.append(try ApplicationTemplate(object))
        }
        return templates
    }

    private init(_ object: BERTLV) throws(SmartCardError) {
        guard object.tag == 0x61 else {
            throw .malformedPKCS15(structure: "EF.DIR", reason: "tag \(TLVScanner.hex(object.tag)) is not an application template 61")
        }
        guard object.isConstructed else {
            throw .malformedPKCS15(structure: "EF.DIR", reason: "the application template 61 is primitive")
        }
        let fields = try BERTLV.parseAll(object.value, skippingPadding: true)
        guard let aid = fields.first(where: { $0.tag == 0x4F })?.value, (1...16).contains(aid.count) else {
            throw .malformedPKCS15(structure: "EF.DIR", reason: "an application template has no AID of 1 to 16 bytes")
        }
        var label: String?
        if let bytes = fields.first(where: { $0.tag == 0x50 })?.value {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .malformedPKCS15(structure: "EF.DIR", reason: "an application label is not UTF-8")
            }
            label = text
        }
        self.init(
            aid: aid, label: label, path: fields.first { $0.tag == 0x51 }?.value,
            discretionaryData: fields.first { $0.tag == 0x73 }?.value)
    }

    /// The template 61 with its fields in the order 4F, 50, 51, 73.
    public var encoded: [UInt8] {
        let fields: [(UInt32, [UInt8]?)] = [
            (0x4F, aid), (0x50, label.map { Array($0.utf8) }), (0x51, path), (0x73, discretionaryData),
        ]
        return BERTLV(tag: 0x61, children: fields.compactMap { tag, value in value.map { BERTLV(tag: tag, value: $0) } })
            .encoded
    }
}
