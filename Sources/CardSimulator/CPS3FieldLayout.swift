import SmartCard

/// The file system of a simulated CPS3 as public traces show real cards, for checking that card clients
/// accept the encodings of the field (`CPS3FileLayout.field`):
///
/// - EF.DIR holds two templates, 101 bytes as on the real card: the contact application `…FF 00 10` at
///   `3F00/0001` and the contactless one `…FF 00 20` at `3F00/0002`, each with discretionary data naming the
///   contact AID (OpenSC issues #2217, #2223);
/// - the ODF names its directory files by their identifiers relative to the application: the AODF `7001`,
///   the PrKDF `7002` and the CDF `7005` (#2224, #2267), padded after their last entry, the AODF and PrKDF
///   with 00, the CDF with FF;
/// - the PrKDF entries are the decoded real entry of #2267: object flags `05 E0` with an undefined third bit,
///   access control rules, a two-byte key reference, no subclass attributes, no algorithm reference, and the
///   empty key path `30 02 04 00`, so that the key is addressed by its reference in the application DF;
/// - AODF and CDF entries carry their object flags as a one-octet BIT STRING (#2224);
/// - the certificates are stored with a non-zero unused-bits octet in their signatureValue.
///
/// The public sources give neither the one flags octet nor the certificates' octet nor the certificate
/// file identifiers; the values chosen are `flagsOctet`, `certificateUnusedBits` and A001/A002.
public enum CPS3FieldLayout {
    /// The contactless PKCS#15 application, `3F00/0002`.
    public static let contactlessAID: [UInt8] = [0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x20]
    static let contactlessFolder: UInt16 = 0x0002
    static let aodf: UInt16 = 0x7001
    static let prkdf: UInt16 = 0x7002
    static let cdf: UInt16 = 0x7005
    /// The only octet of the flags BIT STRING of AODF and CDF entries: non-zero, low three bits clear (the
    /// ANS library refuses others).
    public static let flagsOctet: UInt8 = 0x80
    /// The unused-bits octet of the stored certificates' signatureValue.
    public static let certificateUnusedBits: UInt8 = 0x07
    static let padding = 48

    /// A certificate as this layout stores it.
    public static func storedCertificate(_ der: [UInt8]) -> [UInt8] {
        CertificateSignatureBits.settingUnusedBitsOctet(of: der, to: certificateUnusedBits)?.certificate ?? der
    }

    static func fileSystem(for profile: CardProfile) -> CardFile {
        let folder = CPS3Layout.masterFilePath + [0x00, 0x01]
        func relative(_ fileID: UInt16) -> PKCS15Path {
            PKCS15Path(path: [UInt8(fileID >> 8), UInt8(fileID & 0xFF)])
        }
        let keys = [
            privateKeyEntry("CPS_PRIV_SIG", number: 0x01, usage: [0x06, 0x00, 0x40],
                            rules: [rule(mode: [0x02, 0x04])], reference: CPS3Layout.signatureKeyReference,
                            modulusBits: profile.signatureKey.modulusByteCount * 8),
            privateKeyEntry("CPS_PRIV_AUT", number: 0x02, usage: [0x05, 0x60],
                            rules: [rule(mode: [0x00, 0x01]), rule(mode: [0x06, 0x00, 0x40])],
                            reference: CPS3Layout.authenticationKeyReference,
                            modulusBits: profile.authenticationKey.modulusByteCount * 8),
        ]
        let certificates = [
            CertificateObject(label: "Certificat de Signature CPS", id: CPS3Layout.keyID(0x01),
                              path: PKCS15Path(path: folder + [0xA0, 0x02])),
            CertificateObject(label: "Certificat d'Authentification CPS", id: CPS3Layout.keyID(0x02),
                              path: PKCS15Path(path: folder + [0xA0, 0x01])),
        ].map { withOneOctetFlags(CertificateObject.encodeDirectory([$0])) }
        let pin = withOneOctetFlags(PINObject.encodeDirectory([pinObject]))
        let contact = CardFile.dedicated(CPS3Layout.pkcs15Folder, aid: CPS3Layout.pkcs15AID, [
            .elementary(CPS3Layout.odf, ObjectDirectory(entries: [
                .init(kind: .privateKeys, path: relative(prkdf)),
                .init(kind: .certificates, path: relative(cdf)),
                .init(kind: .authObjects, path: relative(aodf)),
            ]).encoded),
            .elementary(CPS3Layout.tokenInfo, CPS3Layout.tokenInfoContent(serial: profile.serialNumber).encoded),
            .elementary(aodf, pin + padding(0x00)),
            .elementary(prkdf, keys.flatMap(\.encoded) + padding(0x00)),
            .elementary(cdf, certificates.flatMap { $0 } + padding(0xFF)),
            .elementary(CPS3Layout.authenticationCertificateFile, storedCertificate(profile.authenticationCertificate.derEncoded)),
            .elementary(CPS3Layout.signatureCertificateFile, storedCertificate(profile.signatureCertificate.derEncoded)),
        ])
        let contactless = CardFile.dedicated(contactlessFolder, aid: contactlessAID, [
            .elementary(CPS3Layout.odf, ObjectDirectory(entries: [.init(kind: .certificates, path: relative(cdf))]).encoded),
            .elementary(CPS3Layout.tokenInfo, CPS3Layout.tokenInfoContent(serial: profile.serialNumber).encoded),
            .elementary(cdf, padding(0x00)),
        ])
        return .dedicated(CPS3Layout.masterFile, [
            .elementary(CPS3Layout.efDIR, shortFileID: 0x1E, directory),
            .elementary(CPS3Layout.efATR, shortFileID: 0x1D, CPS3Layout.efATRContent),
            .elementary(CPS3Layout.efSN, shortFileID: 0x1C, [0x5A, 0x0A] + profile.serialNumber),
            contact,
            contactless,
        ])
    }

    /// EF.DIR: the contact template, then the contactless one, both naming the contact AID in their
    /// discretionary data.
    static var directory: [UInt8] {
        let contactAID = BERTLV(tag: 0x4F, value: CPS3Layout.pkcs15AID).encoded
        return ApplicationTemplate(aid: CPS3Layout.pkcs15AID, label: "CPX IAS", path: CPS3Layout.masterFilePath + [0x00, 0x01],
                                   discretionaryData: contactAID).encoded
            + ApplicationTemplate(aid: contactlessAID, label: "CPX IAS CL", path: CPS3Layout.masterFilePath + [0x00, 0x02],
                                  discretionaryData: contactAID).encoded
    }

    /// The cardholder PIN as the real card labels it, in the MF.
    static var pinObject: PINObject {
        var pin = CPS3Layout.pinObject
        pin.label = "Code porteur de la carte CPX"
        return pin
    }

    /// One PrKDF entry shaped as the real entry of OpenSC issue #2267.
    private static func privateKeyEntry(
        _ label: String, number: UInt8, usage: [UInt8], rules: [BERTLV], reference: UInt8, modulusBits: Int
    ) -> BERTLV {
        let common = BERTLV(tag: 0x30, children: [
            BERTLV(tag: 0x0C, value: Array(label.utf8)),
            BERTLV(tag: 0x03, value: [0x05, 0xE0]),
            BERTLV(tag: 0x04, value: [CPS3Layout.pinReference]),
            BERTLV(tag: 0x30, children: rules),
        ])
        let key = BERTLV(tag: 0x30, children: [
            BERTLV(tag: 0x04, value: CPS3Layout.keyID(number)),
            BERTLV(tag: 0x03, value: usage),
            BERTLV(tag: 0x01, value: [0xFF]),
            BERTLV(tag: 0x03, value: [0x04, 0xB0]),
            BERTLV(tag: 0x02, value: [0x00, reference]),
        ])
        let rsa = BERTLV(tag: 0xA1, children: [BERTLV(tag: 0x30, children: [
            BERTLV(tag: 0x30, children: [BERTLV(tag: 0x04, value: [])]),
            BERTLV(tag: 0x02, value: [UInt8(truncatingIfNeeded: modulusBits >> 8), UInt8(truncatingIfNeeded: modulusBits)]),
        ])])
        return BERTLV(tag: 0x30, children: [common, key, rsa])
    }

    /// An access control rule: the access mode BIT STRING, then the PIN's authId.
    private static func rule(mode: [UInt8]) -> BERTLV {
        BERTLV(tag: 0x30, children: [BERTLV(tag: 0x03, value: mode), BERTLV(tag: 0x04, value: [CPS3Layout.pinReference])])
    }

    /// One directory entry with its CommonObjectAttributes.flags replaced by the one octet real cards write.
    private static func withOneOctetFlags(_ entry: [UInt8]) -> [UInt8] {
        guard let object = try? BERTLV.parseOne(entry), var fields = try? object.children(),
              let commonFields = try? fields.first?.children() else {
            return entry
        }
        var common = commonFields.filter { $0.tag != 0x03 }
        common.insert(BERTLV(tag: 0x03, value: [flagsOctet]), at: common.first?.tag == 0x0C ? 1 : 0)
        fields[0] = BERTLV(tag: 0x30, children: common)
        return BERTLV(tag: object.tag, children: fields).encoded
    }

    private static func padding(_ byte: UInt8) -> [UInt8] {
        [UInt8](repeating: byte, count: padding)
    }
}
