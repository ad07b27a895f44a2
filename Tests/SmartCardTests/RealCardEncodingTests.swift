import Testing
import SmartCard

/// Every encoding real CPS3 cards use, or that ISO 7816-4/-15 allow and the field's card clients accept,
/// is read; its malformed neighbours are refused with an error naming the structure and the field.
@Suite struct RealCardEncodingTests {
    typealias R = RealCardSamples

    // MARK: FCP

    static let efSN = R.template(0x62, R.efSNFields + [0x88, 0x01, 0xE0])

    @Test("FCP variants are read", arguments: [
        ("real EF.SN (#2275)", efSN, 0x1C as UInt8?),
        ("88 of length 0: no short EF identifier", R.template(0x62, R.efSNFields + [0x88, 0x00]), nil),
        ("88 absent", R.template(0x62, R.efSNFields), nil),
        ("FCI 6F holding the fields", R.template(0x6F, R.efSNFields + [0x88, 0x01, 0xE0]), 0x1C),
        ("FCI 6F holding an FCP 62", R.template(0x6F, efSN), 0x1C),
        ("proprietary 85 and A5 skipped", R.template(0x62, R.efSNFields + [0x85, 0x02, 0x01, 0x02, 0xA5, 0x03, 0x80, 0x01, 0x00]), nil),
        ("unknown tag skipped", R.template(0x62, [0x99, 0x01, 0x00] + R.efSNFields), nil),
        ("00 padding after the template", efSN + [0x00, 0x00], 0x1C),
        ("FF padding after the template", efSN + [0xFF], 0x1C),
        ("00 padding after the last field", R.template(0x62, R.efSNFields + [0x00, 0x00]), nil),
    ])
    func fcpAccepted(_ name: String, bytes: [UInt8], shortFileID: UInt8?) throws {
        let fcp = try FileControlParameters(parsing: bytes)
        #expect(fcp.size == 12)
        #expect(fcp.fileID == 0xD003)
        #expect(fcp.shortFileID == shortFileID)
        #expect(fcp.accessRules == [0x7B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00])
        #expect(fcp.lifeCycle == 0x05)
    }

    @Test("FCP malformed neighbours are refused, naming the field", arguments: [
        ("88 of 2 bytes", R.template(0x62, R.efSNFields + [0x88, 0x02, 0xE0, 0x00]), "tag 88"),
        ("SFI byte with low bits set", R.template(0x62, R.efSNFields + [0x88, 0x01, 0xE1]), "short EF identifier"),
        ("template 64 is not an FCP", R.template(0x64, R.efSNFields), "not 62 (FCP) or 6F"),
        ("data after the template", efSN + [0x90, 0x00], "follow"),
        ("data after padding", efSN + [0x00, 0x83, 0x00], "follow"),
        ("size of 0 bytes", R.template(0x62, [0x80, 0x00]), "tag 80"),
        ("template length beyond the data", [0x62, 0x30] + R.efSNFields, "announces"),
        ("only padding", [0x00, 0xFF], "no template"),
    ])
    func fcpRefused(_ name: String, bytes: [UInt8], field: String) {
        let error = #expect(throws: SmartCardError.self) { try FileControlParameters(parsing: bytes) }
        #expect(error?.description.contains(field) == true, "\(String(describing: error))")
    }

    @Test("record-structured EFs are told from transparent EFs and DFs by the descriptor byte", arguments: [
        (0x01 as UInt8, false), (0x02, true), (0x04, true), (0x05, true), (0x06, true), (0x38, false), (0x39, false),
    ])
    func recordStructure(descriptor: UInt8, isRecordStructured: Bool) {
        #expect(FileControlParameters(descriptor: [descriptor]).isRecordStructured == isRecordStructured)
    }

    // MARK: Path

    static let relativePath: [UInt8] = [0x04, 0x02, 0x70, 0x02]

    @Test("Path in every form is read", arguments: [
        ("empty path, the real CPS3 key value", [0x30, 0x02, 0x04, 0x00], PKCS15Path(path: [])),
        ("relative file identifier", [0x30, 0x04] + relativePath, PKCS15Path(path: [0x70, 0x02])),
        ("absolute with index and length",
         [0x30, 0x0E, 0x04, 0x06, 0x3F, 0x00, 0x00, 0x01, 0x70, 0x02, 0x02, 0x01, 0x10, 0x80, 0x01, 0x20],
         PKCS15Path(path: [0x3F, 0x00, 0x00, 0x01, 0x70, 0x02], index: 0x10, length: 0x20)),
        ("OpenSC pathExtended [1] { aid, path }",
         [0x30, 0x15, 0xA1, 0x13, 0x4F, 0x0D] + R.contactAID + relativePath,
         PKCS15Path(path: [0x70, 0x02], aid: R.contactAID)),
        ("path then pathExtended, which wins",
         [0x30, 0x17, 0x04, 0x00, 0xA1, 0x13, 0x4F, 0x0D] + R.contactAID + relativePath,
         PKCS15Path(path: [0x70, 0x02], aid: R.contactAID)),
        ("aid [APPLICATION 15] before path", [0x30, 0x13, 0x4F, 0x0D] + R.contactAID + relativePath,
         PKCS15Path(path: [0x70, 0x02], aid: R.contactAID)),
        ("aid and empty path: the application DF", [0x30, 0x11, 0x4F, 0x0D] + R.contactAID + [0x04, 0x00],
         PKCS15Path(path: [], aid: R.contactAID)),
        ("unknown trailing element skipped", [0x30, 0x06] + relativePath + [0x05, 0x00], PKCS15Path(path: [0x70, 0x02])),
    ] as [(String, [UInt8], PKCS15Path)])
    func pathAccepted(_ name: String, path: [UInt8], expected: PKCS15Path) throws {
        let odf = try ObjectDirectory(parsing: R.odf(path: path))
        #expect(odf.paths(of: .privateKeys) == [expected])
        #expect(try ObjectDirectory(parsing: odf.encoded) == odf)
    }

    @Test("Path malformed neighbours are refused", arguments: [
        ("no path at all (30 00)", [0x30, 0x00], "neither path nor pathExtended"),
        ("odd path length", [0x30, 0x03, 0x04, 0x01, 0x70], "not whole file identifiers"),
        ("INTEGER where the path is", [0x30, 0x03, 0x02, 0x01, 0x05], "neither path nor pathExtended"),
        ("path length beyond the data", [0x30, 0x04, 0x04, 0x05, 0x70, 0x02], "ODF"),
        ("SET instead of SEQUENCE", [0x31, 0x02, 0x04, 0x00], "ODF"),
        ("AID of 17 bytes", [0x30, 0x15, 0x4F, 0x11] + R.contactAID + [0, 0, 0, 0] + [0x04, 0x00], "expected 1 to 16"),
        ("pathExtended without its path", [0x30, 0x11, 0xA1, 0x0F, 0x4F, 0x0D] + R.contactAID, "pathExtended.path"),
    ] as [(String, [UInt8], String)])
    func pathRefused(_ name: String, path: [UInt8], reason: String) {
        let error = #expect(throws: SmartCardError.self) { try ObjectDirectory(parsing: R.odf(path: path)) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }

    // MARK: The real PrKDF entry

    @Test("the real PrKDF entry of #2267 is read, padded with 00 or FF", arguments: [[UInt8](), [0x00, 0x00], [0xFF, 0xFF, 0xFF]])
    func realPrivateKey(padding: [UInt8]) throws {
        let keys = try PrivateKeyObject.parseDirectory(R.realPrivateKeyEntry + padding)
        let key = try #require(keys.first)
        #expect(keys.count == 1)
        #expect(key.label == "CPS_PRIV_AUT")
        #expect(key.objectFlags.rawValue == 0x07)
        #expect(key.objectFlags.contains([.private, .modifiable]))
        #expect(key.authID == [0x01])
        #expect(key.id == R.contactAID + [0x02])
        #expect(key.usage == [.decrypt, .sign])
        #expect(key.native)
        #expect(key.accessFlags == [.sensitive, .alwaysSensitive, .neverExtractable])
        #expect(key.keyReference == 0x82)
        #expect(key.path == PKCS15Path(path: []))
        #expect(key.path.isApplicationDF)
        #expect(key.modulusLength == 2048)
    }

    @Test("key references are read as unsigned bytes", arguments: [
        ([0x02, 0x02, 0x00, 0x82] as [UInt8], 0x82), ([0x02, 0x01, 0x82], 0x82), ([0x02, 0x01, 0x01], 0x01),
        ([0x02, 0x02, 0x01, 0x00], 0x100),
    ])
    func keyReference(encoded: [UInt8], expected: Int) throws {
        #expect(try PrivateKeyObject.parseDirectory(R.realPrivateKeyEntry(keyReference: encoded)).first?.keyReference == expected)
    }

    @Test("PrKDF malformed neighbours are refused, naming the directory", arguments: [
        ("data after 00 padding", R.realPrivateKeyEntry + [0x00, 0x30, 0x00], "padding byte 00"),
        ("data after FF padding", R.realPrivateKeyEntry + [0xFF, 0x30, 0x00], "padding byte FF"),
        ("truncated entry", Array(R.realPrivateKeyEntry.dropLast(3)), "PrKDF"),
        ("key reference INTEGER not minimal (X.690 8.3.2)",
         PKCS15Samples.replacing(R.realPrivateKeyEntry, [0x02, 0x02, 0x00, 0x82], with: [0x02, 0x02, 0x00, 0x01]), "PrKDF"),
        ("usage as an OCTET STRING", PKCS15Samples.replacing(R.realPrivateKeyEntry, [0x03, 0x02, 0x05, 0x60], with: [0x04, 0x02, 0x05, 0x60]),
         "PrKDF"),
    ] as [(String, [UInt8], String)])
    func privateKeyRefused(_ name: String, bytes: [UInt8], reason: String) {
        let error = #expect(throws: SmartCardError.self) { try PrivateKeyObject.parseDirectory(bytes) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }

    // MARK: Flags BIT STRINGs

    @Test("object flags BIT STRINGs are read as BER allows", arguments: [
        ("one octet, non-DER, as real AODF and CDF (#2224)", [0x03, 0x01, 0x80] as [UInt8], 0 as UInt32),
        ("one octet 08", [0x03, 0x01, 0x08], 0),
        ("one octet 00 (DER empty)", [0x03, 0x01, 0x00], 0),
        ("private, DER", [0x03, 0x02, 0x07, 0x80], 0x01),
        ("undefined third bit (#2267)", [0x03, 0x02, 0x05, 0xE0], 0x07),
        ("unused bits set, cleared", [0x03, 0x02, 0x06, 0xC1], 0x03),
        ("flags absent", [], 0),
    ])
    func flagsAccepted(_ name: String, flags: [UInt8], raw: UInt32) throws {
        let pins = try PINObject.parseDirectory(R.pinEntry(flags: flags))
        let pin = try #require(pins.first)
        #expect(pin.objectFlags.rawValue == raw)
        #expect(pin.label == "Code porteur de la carte CPX")
        #expect(pin.reference == 1)
        #expect(pin.maxLength == nil)
        #expect(pin.path == nil)
        #expect(pin.pinFlags == [.initialized])
    }

    @Test("flags BIT STRING malformed neighbours are refused", arguments: [
        ("no initial octet", [0x03, 0x00] as [UInt8], "no initial octet"),
        ("more than 7 unused bits before content", [0x03, 0x02, 0x08, 0x80], "more than 7"),
        ("constructed", [0x23, 0x03, 0x03, 0x01, 0x00], "AODF"),
    ])
    func flagsRefused(_ name: String, flags: [UInt8], reason: String) {
        let error = #expect(throws: SmartCardError.self) { try PINObject.parseDirectory(R.pinEntry(flags: flags)) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }

    // MARK: EF.DIR

    @Test("the two-record EF.DIR of a real CPS3 is read, padded or not", arguments: [[UInt8](), [0x00, 0x00], [0xFF]])
    func realDirectory(padding: [UInt8]) throws {
        let templates = try ApplicationTemplate.parseDirectory(R.efDIR + padding)
        #expect(templates.map(\.label) == ["CPX IAS", "CPX IAS CL"])
        #expect(templates.map(\.discretionaryAID) == [R.contactAID, R.contactAID])
        let contact = try #require(ApplicationTemplate.application(R.contactAID, in: templates))
        #expect(contact.path == [0x3F, 0x00, 0x00, 0x01])
        let contactless = try #require(ApplicationTemplate.application(R.contactlessAID, in: templates))
        #expect(contactless.path == [0x3F, 0x00, 0x00, 0x02])
    }

    @Test("EF.DIR malformed neighbours are refused", arguments: [
        ("template without AID", [0x61, 0x03, 0x50, 0x01, 0x41] as [UInt8], "no AID"),
        ("not a template 61", [0x62, 0x03, 0x4F, 0x01, 0xA0], "not an application template"),
        ("truncated", Array(R.efDIR.prefix(30)), "announces"),
        ("primitive 41 in place of 61", [0x41, 0x01, 0x00], "not an application template"),
    ])
    func directoryRefused(_ name: String, bytes: [UInt8], reason: String) {
        let error = #expect(throws: SmartCardError.self) { try ApplicationTemplate.parseDirectory(bytes) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }

    // MARK: EF.ATR

    @Test("EF.ATR is read with or without its leading 80 (#2220, #2223)", arguments: [
        R.efATR, Array(R.efATR.dropFirst()), R.efATR + [0x00, 0x00],
    ])
    func realATRFile(bytes: [UInt8]) throws {
        let file = try ATRFile(parsing: bytes)
        #expect(file.applicationAID == [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x01, 0x00])
        #expect(file.bufferSizes == [0x104, 0x104, 0x100, 0x100])
        #expect(file.cardCapabilities == [0x94, 0x01, 0x80])
        #expect(file.supportsCommandChaining)
    }

    @Test("EF.ATR malformed neighbours are refused", arguments: [
        ("buffer size not an INTEGER", [0x80, 0xE0, 0x04, 0x04, 0x02, 0x01, 0x04] as [UInt8], "EF.ATR"),
        ("truncated", Array(R.efATR.prefix(20)), "announces"),
        ("buffer size of 5 bytes", [0xE0, 0x07, 0x02, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05], "1 to 4 bytes"),
    ])
    func atrFileRefused(_ name: String, bytes: [UInt8], reason: String) {
        let error = #expect(throws: SmartCardError.self) { try ATRFile(parsing: bytes) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }
}
