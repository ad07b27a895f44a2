import Foundation
import SmartCard

/// The identifiers of the simulated CPS4 (NXP ChipDoc), and the value chosen for each fact public
/// sources leave open.
///
/// What public sources give, and the simulator follows: the ATRs; the ChipDoc applet's AID
/// `80 25 00 00 01 FF 01 00` on logical channel 1; the PKCS#15 application AID and EF.SN
/// (`3F00/D003`, `5A 0A 80 25 00 00 01 …`) shared with the CPS3; ODF `5031` and TokenInfo
/// `5032` inside the application folder that EF.DIR (`3F00/2F00`) names; the authentication key
/// `20` (RSA-2048); the command forms of the issuer's middleware.
///
/// What they leave open, and the value chosen here:
/// - **ATR**: the T=0-only CPS4 ATR, the one public ATR lists record from a card in the field,
///   and the one whose bytes OpenSC's CPS3 mask also matches; the simulator answers in T=0
///   style (`61 xx`) whatever the ATR.
/// - **Application folder** `3F00/5015`, the ISO 7816-15 default, named in EF.DIR's record:
///   not the CPS3's `0001`, so that a client assuming either folder fails here.
/// - **Object directories** AODF `4401`, PrKDF `4402`, CDF `4404`, certificates `C001`
///   (authentication) and `C002` (signature), given in the ODF and CDF as paths relative to
///   the application folder: no client can find them except through PKCS#15.
/// - **PIN**: reference `81` (a reference local to the applet, ISO 7816-4's bit 8), ASCII digits,
///   4 to 8 long, stored on 8 bytes padded with `FF`, 3 tries. Unlike the CPS3's `01` and its
///   unpadded 4 digits, so that a client must follow the AODF's reference, length and padding.
/// - **Signature key** reference `21`, sent in MSE SET as `A1` (the reference with bit 8, as
///   the middleware sends it).
/// - **TokenInfo** label `CPS4v1-<digits>` (the issuer's test reports name cards so), manufacturer
///   "ASIP SANTE".
/// - **SELECT**: `P2=00` answers an FCI `6F` (the middleware accepts only that), `0C` nothing;
///   the IAS-ECC forms `P2=04` and `P1=09` are refused with `6A 86`.
/// - **Basic channel**: it holds the CPS2ter application, which speaks the CPS2 class `A0` and is
///   not simulated: SELECT of its AID answers `90 00` (the middleware's recovery sends it),
///   every other command `6E 00`. A CPS3 client talking IAS-ECC on the basic channel therefore
///   gets `6E 00` from its first command.
/// - **IAS-ECC commands on channel 1**: INTERNAL AUTHENTICATE and GET DATA `6D 00` (the issuer
///   documents that ChipDoc has no INTERNAL AUTHENTICATE), MSE SET with a CPS3 template (`41 A4`,
///   `41 B6`, `41 AA`) and PSO HASH `6A 86`, a CRT with `84`/`80` or a PSO DECIPHER with the
///   `81` padding indicator `6A 80`, PSO CDS without data `67 00`.
/// - **Channel 1 before the applet is selected**, or after another SELECT took it away: `68 81`
///   before any SELECT (the channel is not open), `69 85` after the card manager was selected.
/// - PIN unblocking (RESET RETRY COUNTER) and RSA-PSS are not simulated (`6D 00`, `6A 81`).
public enum CPS4Layout {
    /// The T=0-only CPS4 ATR.
    public static let atr: [UInt8] = [0x3B, 0xDC, 0x18, 0xFF, 0x00, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x04, 0x01, 0x00, 0x90, 0x00]
    /// The ChipDoc applet, on logical channel 1.
    public static let appletAID: [UInt8] = [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x01, 0x00]
    /// The GlobalPlatform card manager, which the middleware selects before reselecting the applet.
    static let cardManagerAID: [UInt8] = [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00]
    /// The CPS2ter application on the basic channel.
    static let cps2terAID: [UInt8] = [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x02]
    public static let pkcs15Folder: UInt16 = 0x5015
    public static let authenticationKeyReference: UInt8 = 0x20
    public static let signatureKeyReference: UInt8 = 0x21
    public static let pinReference: UInt8 = 0x81
    /// The PIN's stored length and padding byte.
    static let pinStoredLength = 8
    static let pinPadding: UInt8 = 0xFF

    static let aodf: UInt16 = 0x4401
    static let prkdf: UInt16 = 0x4402
    static let cdf: UInt16 = 0x4404
    static let authenticationCertificateFile: UInt16 = 0xC001
    static let signatureCertificateFile: UInt16 = 0xC002

    /// The whole file system of a CPS4 holding `profile`.
    static func fileSystem(for profile: CardProfile) -> CardFile {
        func relative(_ fileID: UInt16) -> PKCS15Path {
            PKCS15Path(path: [UInt8(fileID >> 8), UInt8(fileID & 0xFF)])
        }
        let aid = CPS3Layout.pkcs15AID
        let pkcs15 = CardFile.dedicated(pkcs15Folder, aid: aid, [
            .elementary(CPS3Layout.odf, ObjectDirectory(entries: [
                .init(kind: .privateKeys, path: relative(prkdf)),
                .init(kind: .certificates, path: relative(cdf)),
                .init(kind: .authObjects, path: relative(aodf)),
            ]).encoded),
            .elementary(CPS3Layout.tokenInfo, tokenInfo(serial: profile.serialNumber).encoded),
            .elementary(aodf, PINObject.encodeDirectory([pinObject])),
            .elementary(prkdf, PrivateKeyObject.encodeDirectory(privateKeys(profile))),
            .elementary(cdf, CertificateObject.encodeDirectory([
                CertificateObject(label: "Certificat d'Authentification CPS", id: CPS3Layout.keyID(0x02),
                                  authority: false, path: relative(authenticationCertificateFile)),
                CertificateObject(label: "Certificat de Signature CPS", id: CPS3Layout.keyID(0x01),
                                  authority: false, path: relative(signatureCertificateFile)),
            ])),
            .elementary(authenticationCertificateFile, profile.authenticationCertificate.derEncoded),
            .elementary(signatureCertificateFile, profile.signatureCertificate.derEncoded),
        ])
        return .dedicated(CPS3Layout.masterFile, [
            .elementary(CPS3Layout.efDIR, ApplicationTemplate(
                aid: aid, label: "CPX ChipDoc", path: [0x3F, 0x00, UInt8(pkcs15Folder >> 8), UInt8(pkcs15Folder & 0xFF)]).encoded),
            .elementary(CPS3Layout.efSN, [0x5A, 0x0A] + profile.serialNumber),
            pkcs15,
        ])
    }

    static var pinObject: PINObject {
        PINObject(label: "Code porteur", objectFlags: [.private], authID: [0x01],
                  pinFlags: [.local, .initialized, .needsPadding], pinType: .asciiNumeric,
                  minLength: 4, storedLength: pinStoredLength, maxLength: pinStoredLength,
                  reference: Int(pinReference), padChar: pinPadding)
    }

    static func privateKeys(_ profile: CardProfile) -> [PrivateKeyObject] {
        let inApplication = PKCS15Path(path: [])
        return [
            PrivateKeyObject(label: "CPS_PRIV_SIG", objectFlags: [.private], authID: [0x01], id: CPS3Layout.keyID(0x01),
                             usage: [.nonRepudiation], keyReference: Int(signatureKeyReference),
                             path: inApplication, modulusLength: profile.signatureKey.modulusByteCount * 8),
            PrivateKeyObject(label: "CPS_PRIV_AUT", objectFlags: [.private], authID: [0x01], id: CPS3Layout.keyID(0x02),
                             usage: [.decrypt, .sign], keyReference: Int(authenticationKeyReference),
                             path: inApplication, modulusLength: profile.authenticationKey.modulusByteCount * 8),
        ]
    }

    /// TokenInfo named as the issuer names CPS4 cards, listing no algorithm references (a
    /// ChipDoc client sends the ones of its command set).
    static func tokenInfo(serial: [UInt8]) -> TokenInfo {
        let digits = serial.suffix(5).map { String(format: "%02X", $0) }.joined()
        return TokenInfo(version: 0, serialNumber: serial, manufacturerID: "ASIP SANTE", label: "CPS4v1-\(digits)",
                         flags: [.readOnly, .loginRequired], supportedAlgorithms: [])
    }

    /// The digits of a PIN block: exactly the stored length, digits then only padding bytes.
    static func unpaddedPIN(_ block: [UInt8]) throws(CardRefusal) -> [UInt8] {
        guard block.count == pinStoredLength else { throw CardRefusal(.wrongLength) }
        let digits = Array(block.prefix { $0 != pinPadding })
        guard block.dropFirst(digits.count).allSatisfy({ $0 == pinPadding }) else { throw CardRefusal(.incorrectData) }
        return digits
    }
}
