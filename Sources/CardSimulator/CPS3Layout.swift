import Foundation
import SmartCard

/// The identifiers of a CPS3 card (IAS-ECC) that clients rely on, as public sources show them.
public enum CPS3Layout {
    /// The CPS3 contact ATR.
    public static let atr: [UInt8] = [0x3B, 0xAC, 0x00, 0x40, 0x2A, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10, 0x00, 0x90, 0x00]
    /// The root application's AID, named in EF.ATR; selecting it selects the MF.
    public static let rootAID: [UInt8] = [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x01, 0x00]
    /// The contact PKCS#15 application, `3F00/0001`.
    public static let pkcs15AID: [UInt8] = [0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x10]
    public static let masterFile: UInt16 = 0x3F00
    static let masterFilePath: [UInt8] = [0x3F, 0x00]
    public static let pkcs15Folder: UInt16 = 0x0001
    public static let efDIR: UInt16 = 0x2F00
    public static let efATR: UInt16 = 0x2F01
    public static let efSN: UInt16 = 0xD003
    public static let odf: UInt16 = 0x5031
    public static let tokenInfo: UInt16 = 0x5032
    /// Reference of the authentication key (internal authenticate, PSO DECIPHER).
    public static let authenticationKeyReference: UInt8 = 0x82
    /// Reference of the non-repudiation signature key (PSO COMPUTE DIGITAL SIGNATURE).
    public static let signatureKeyReference: UInt8 = 0x81
    /// Reference of the cardholder PIN (CHV 1, in the MF).
    public static let pinReference: UInt8 = 0x01
    /// The cardholder PIN's length: 4 digits, unpadded.
    static let pinLength = 4

    // Files whose identifiers public sources do not give: clients find them through the ODF.
    static let aodf: UInt16 = 0x7001
    static let prkdf: UInt16 = 0x7002
    static let cdf: UInt16 = 0x7004
    static let authenticationCertificateFile: UInt16 = 0xA001
    static let signatureCertificateFile: UInt16 = 0xA002

    /// The EF.ATR content of a real CPS3 (OpenSC issues #2220/#2223): buffer sizes, root AID.
    public static let efATRContent: [UInt8] = [
        0x80, 0x43, 0x01, 0xB8, 0x46, 0x04, 0x04, 0xB0, 0xEC, 0xC1, 0x47, 0x03, 0x94, 0x01, 0x80,
        0x4F, 0x08, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x01, 0x00,
        0xE0, 0x10, 0x02, 0x02, 0x01, 0x04, 0x02, 0x02, 0x01, 0x04, 0x02, 0x02, 0x01, 0x00, 0x02, 0x02, 0x01, 0x00,
        0x78, 0x08, 0x06, 0x06, 0x2B, 0x81, 0x22, 0xF8, 0x78, 0x02, 0x82, 0x02, 0x90, 0x00,
    ]

    /// The whole file system of a card holding `profile`, in the profile's layout.
    static func fileSystem(for profile: CardProfile) -> CardFile {
        guard profile.layout == .canonical else {
            return CPS3FieldLayout.fileSystem(for: profile)
        }
        let folder: [UInt8] = [0x3F, 0x00, 0x00, 0x01]
        func path(_ fileID: UInt16) -> PKCS15Path {
            PKCS15Path(path: folder + [UInt8(fileID >> 8), UInt8(fileID & 0xFF)], index: nil, length: nil)
        }
        let pkcs15 = CardFile.dedicated(pkcs15Folder, aid: pkcs15AID, [
            .elementary(odf, ObjectDirectory(entries: [
                .init(kind: .privateKeys, path: path(prkdf)),
                .init(kind: .certificates, path: path(cdf)),
                .init(kind: .authObjects, path: path(aodf)),
            ]).encoded),
            .elementary(tokenInfo, tokenInfoContent(serial: profile.serialNumber).encoded),
            .elementary(aodf, PINObject.encodeDirectory([pinObject])),
            .elementary(prkdf, PrivateKeyObject.encodeDirectory(privateKeys(profile, folder: folder))),
            .elementary(cdf, CertificateObject.encodeDirectory([
                CertificateObject(label: "Certificat d'Authentification CPS", id: keyID(0x02),
                                  authority: false, path: path(authenticationCertificateFile)),
                CertificateObject(label: "Certificat de Signature CPS", id: keyID(0x01),
                                  authority: false, path: path(signatureCertificateFile)),
            ])),
            .elementary(authenticationCertificateFile, profile.authenticationCertificate.derEncoded),
            .elementary(signatureCertificateFile, profile.signatureCertificate.derEncoded),
        ])
        return .dedicated(masterFile, [
            .elementary(efDIR, shortFileID: 0x1E, ApplicationTemplate(
                aid: pkcs15AID, label: "CPX IAS", path: folder).encoded),
            .elementary(efATR, shortFileID: 0x1D, efATRContent),
            .elementary(efSN, shortFileID: 0x1C, [0x5A, 0x0A] + profile.serialNumber),
            pkcs15,
        ])
    }

    /// The PKCS#15 identifier of a key and of its certificate: the application AID and a number.
    static func keyID(_ number: UInt8) -> [UInt8] { pkcs15AID + [number] }

    static var pinObject: PINObject {
        PINObject(label: "PIN CPS", authID: [pinReference],
                  pinFlags: [.initialized], pinType: .asciiNumeric,
                  minLength: pinLength, storedLength: pinLength, maxLength: pinLength,
                  reference: Int(pinReference), padChar: nil,
                  path: PKCS15Path(path: [0x3F, 0x00], index: nil, length: nil))
    }

    static func privateKeys(_ profile: CardProfile, folder: [UInt8]) -> [PrivateKeyObject] {
        let keyPath = PKCS15Path(path: folder, index: nil, length: nil)
        return [
            PrivateKeyObject(label: "CPS_PRIV_SIG", objectFlags: [.private], authID: [pinReference], id: keyID(0x01),
                             usage: [.nonRepudiation], keyReference: Int(signatureKeyReference),
                             path: keyPath, modulusLength: profile.signatureKey.modulusByteCount * 8),
            PrivateKeyObject(label: "CPS_PRIV_AUT", objectFlags: [.private], authID: [pinReference], id: keyID(0x02),
                             usage: [.decrypt, .sign], keyReference: Int(authenticationKeyReference),
                             path: keyPath, modulusLength: profile.authenticationKey.modulusByteCount * 8),
        ]
    }

    /// TokenInfo as on a real CPS3: label "CPS3v3-<serial digits>", manufacturer "ASIP SANTE",
    /// read-only and login required, and the algorithms the card's MSE SET accepts.
    static func tokenInfoContent(serial: [UInt8]) -> TokenInfo {
        let digits = serial.suffix(5).map { String(format: "%02X", $0) }.joined()
        return TokenInfo(
            version: 0, serialNumber: serial, manufacturerID: "ASIP SANTE", label: "CPS3v3-\(digits)",
            flags: [.readOnly, .loginRequired],
            supportedAlgorithms: CardAlgorithm.advertised.map(\.info))
    }
}
