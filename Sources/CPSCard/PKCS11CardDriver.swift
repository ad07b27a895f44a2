import PKCS11
import SmartCard
import VaultCrypto

/// Reaches a CPS card through the PKCS#11 module of a card middleware (ANS's Cryptolib CPS,
/// OpenSC) instead of APDUs, under the same rules as the native drivers: the certificates are
/// read from the token and validated by the vault like any others; the PIN is presented once
/// with `C_Login` and never retried; the tries left come from the token flags; the
/// authentication key signs a host-built DigestInfo and deciphers with `CKM_RSA_PKCS`.
///
/// Keys are matched to their certificates by `CKA_ID`, once logged in (modules hide private
/// keys before). A module that refuses an operation on a key (OpenSC 0.23 and a CPS3's
/// non-repudiation key) throws `CPSCardError.moduleCannotPerform` before anything reaches the
/// card.
public final class PKCS11CardDriver: CPSCardDriver {
    public let slot: PKCS11Slot
    /// The token as it described itself when the driver was made.
    public let token: PKCS11TokenInfo
    private let session: PKCS11Session
    private let authentication: TokenCertificate
    private let signature: TokenCertificate?
    private let repairs: [CertificateRepair]

    /// A driver for the token in `slot`: opens a session and reads the token's certificates.
    public init(slot: PKCS11Slot) throws {
        self.slot = slot
        token = try slot.tokenInfo()
        session = try PKCS11Session(slot: slot)
        var found: [TokenCertificate] = []
        var repairs: [CertificateRepair] = []
        for object in try session.objects(of: .certificate) {
            guard let stored = try session.bytes(of: .value, of: object) else { continue }
            let label = try session.bytes(of: .label, of: object).map { String(decoding: $0, as: UTF8.self) } ?? "certificate"
            let (der, repair) = CertificateRepair.repairing(stored, label: label)
            let certificate: X509Certificate
            do {
                certificate = try X509Certificate(derEncoded: der)
            } catch {
                throw CPSCardError.malformedCardData(what: "certificate '\(label)' on token \(token.label)", reason: "\(error)")
            }
            guard !certificate.isCertificateAuthority else { continue }
            found.append(TokenCertificate(certificate: certificate, id: try session.bytes(of: .id, of: object) ?? []))
            repairs += [repair].compactMap { $0 }
        }
        signature = found.first { $0.certificate.keyUsage?.contains(.nonRepudiation) == true }
        guard let authentication = found.first(where: { $0.certificate.keyUsage?.contains(.nonRepudiation) != true }) else {
            throw CPSCardError.missingCardObject("authentication certificate on token \(token.label)")
        }
        self.authentication = authentication
        self.repairs = repairs
    }

    /// Ends the session with the token: the module logs the user out and forgets the keys.
    public func close() {
        session.close()
    }

    /// The token's serial number: its hexadecimal digits as bytes, or its characters when
    /// they are not hexadecimal.
    public func readSerialNumber() throws -> [UInt8] {
        [UInt8](hexString: token.serialNumber) ?? Array(token.serialNumber.utf8)
    }

    public func readCertificates() throws -> CardCertificates {
        CardCertificates(authentication: authentication.certificate, signature: signature?.certificate, repairs: repairs)
    }

    /// Verified once this session is logged in; otherwise from the token flags: blocked
    /// (`CKF_USER_PIN_LOCKED`), one try left (`CKF_USER_PIN_FINAL_TRY`), else tries not counted.
    public func pinStatus() throws -> PINStatus {
        if try session.isLoggedIn { return .verified }
        let flags = try slot.tokenInfo().flags
        if flags.contains(.userPINLocked) { return .blocked }
        return .triesLeft(flags.contains(.userPINFinalTry) ? 1 : nil)
    }

    public func verify(_ pin: PIN) throws {
        try check(session.logIn(pin: pin.digits))
    }

    /// `C_SetPIN` on the session: the token checks `old` once.
    public func changePIN(from old: PIN, to new: PIN) throws {
        try check(session.changePIN(from: old.digits, to: new.digits))
    }

    public func signWithAuthenticationKey(digestInfo: [UInt8]) throws -> [UInt8] {
        try performing("the authentication signature", instead: Self.nativePath) {
            try session.sign(digestInfo, with: key(of: authentication), mechanism: .rsaPKCS)
        }
    }

    public func signWithSignatureKey(sha256 digest: [UInt8]) throws -> [UInt8] {
        guard let signature else { throw CPSCardError.missingCardObject("the non-repudiation signature key") }
        return try performing("the signature with the non-repudiation key", instead: Self.nativePath + " (the ANS Cryptolib CPS module signs with that key too)") {
            try session.sign(Digest.digestInfo(sha256: digest), with: key(of: signature), mechanism: .rsaPKCS)
        }
    }

    public func decipherWithAuthenticationKey(_ cryptogram: [UInt8]) throws -> SecretBytes {
        try performing("the decipherment with the authentication key", instead: Self.nativePath) {
            try session.decrypt(cryptogram, with: key(of: authentication), mechanism: .rsaPKCS)
        }
    }

    private static let nativePath = "Run the command without --pkcs11-module (and without \"pkcs11Module\" in the configuration): the vault then reaches the card through PC/SC with its own drivers"

    /// The private key whose `CKA_ID` is the certificate's, visible once logged in.
    private func key(of certificate: TokenCertificate) throws -> PKCS11Object {
        for key in try session.objects(of: .privateKey) where try session.bytes(of: .id, of: key) == certificate.id {
            return key
        }
        throw CPSCardError.missingCardObject("private key for '\(certificate.certificate.subject)' on token \(token.label) (log in first)")
    }

    /// Runs a key operation; the module refusing the mechanism or the key's use becomes
    /// `moduleCannotPerform` naming `operation`.
    private func performing<T>(_ operation: String, instead: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch PKCS11Error.callFailed(_, let module, let returnValue) where returnValue.meansNotSupported {
            throw CPSCardError.moduleCannotPerform(operation: operation, module: module, instead: instead + ".")
        }
    }

    /// The PIN's answer: a wrong PIN reports the tries the token flags still show.
    private func check(_ answer: PKCS11Session.LoginAnswer) throws {
        switch answer {
        case .loggedIn:
            return
        case .pinLocked:
            throw CPSCardError.pinBlocked(serial: try readSerialNumber().hexString)
        case .pinIncorrect:
            switch try pinStatus() {
            case .blocked: throw CPSCardError.pinBlocked(serial: try readSerialNumber().hexString)
            case .triesLeft(let tries): throw CPSCardError.wrongPIN(triesLeft: tries)
            case .verified: return
            }
        }
    }
}

/// A certificate on a token and the `CKA_ID` that ties it to its private key.
private struct TokenCertificate: Sendable {
    let certificate: X509Certificate
    let id: [UInt8]
}
