import SmartCard
import Foundation
import VaultCrypto

/// Authenticates the holder of a CPS card: the certificate chain is validated before anything
/// else (no PIN goes to a card that is not trusted), then the PIN is presented once, then the
/// card signs a fresh random challenge that must verify against its certificate. Identity comes
/// only from the validated certificate.
public struct CardAuthenticator: Sendable {
    public let trust: CardTrust

    public init(trust: CardTrust) {
        self.trust = trust
    }

    /// Everything that can be learnt about the card without its PIN: holder, validation result
    /// and PIN tries left.
    public func inspect(_ driver: some CPSCardDriver, at time: Date = Date()) throws -> CardInspection {
        let serial = try driver.readSerialNumber()
        let certificates = try driver.readCertificates()
        let holder = try? Professional(certificate: certificates.authentication, cardSerial: serial)
        var rejection: CPSCardError?
        do {
            _ = try trust.verifier().verify(certificates.authentication, at: time)
        } catch let error as CPSCardError {
            rejection = error
        } catch let error as CertificateRejection {
            rejection = .certificateRejected(error)
        }
        return CardInspection(serial: serial, certificate: certificates.authentication, holder: holder,
                              rejection: rejection, pin: try driver.pinStatus(), repairs: certificates.repairs)
    }

    /// Runs the whole authentication. `pin` is asked only once the certificate is known good and
    /// the card has tries to spare; with one try left it is refused unless `allowLastTry`.
    public func authenticate(_ driver: some CPSCardDriver, allowLastTry: Bool = false, at time: Date = Date(),
                             pin: () throws -> PIN) throws -> AuthenticatedCard {
        let holder = try checkBeforePIN(driver, allowLastTry: allowLastTry, at: time)
        try driver.verify(pin())
        let challenge = try SecureRandom.bytes(count: 32)
        let digestInfo = Digest.sha256DigestInfo(challenge)
        let signature = try driver.signWithAuthenticationKey(digestInfo: digestInfo)
        guard holder.certificates.authentication.publicKey.isValidPKCS1Signature(signature, over: digestInfo) else {
            throw CPSCardError.challengeNotSigned(serial: holder.serial.hexString)
        }
        return AuthenticatedCard(professional: holder.professional, certificates: holder.certificates, driver: driver)
    }

    /// Changes the card's PIN under the rules of `authenticate`: the certificate is validated
    /// and the tries counted before `pins` is asked for the old and the new PIN; the card checks
    /// the old one once. Returns the holder named by the validated certificate.
    public func changePIN(_ driver: some CPSCardDriver, allowLastTry: Bool = false, at time: Date = Date(),
                          pins: () throws -> (old: PIN, new: PIN)) throws -> Professional {
        let holder = try checkBeforePIN(driver, allowLastTry: allowLastTry, at: time)
        let (old, new) = try pins()
        try driver.changePIN(from: old, to: new)
        return holder.professional
    }

    /// Everything checked before a PIN may be asked: the certificate chain, then the tries
    /// left (a blocked PIN, or one try left without `allowLastTry`, is refused).
    private func checkBeforePIN(_ driver: some CPSCardDriver, allowLastTry: Bool, at time: Date) throws -> CardHolder {
        let serial = try driver.readSerialNumber()
        let certificates = try driver.readCertificates()
        do {
            _ = try trust.verifier().verify(certificates.authentication, at: time)
        } catch let error as CertificateRejection {
            throw CPSCardError.certificateRejected(error)
        }
        let professional = try Professional(certificate: certificates.authentication, cardSerial: serial)
        switch try driver.pinStatus() {
        case .blocked:
            throw CPSCardError.pinBlocked(serial: serial.hexString)
        case .triesLeft(let tries?) where tries <= 1 && !allowLastTry:
            throw CPSCardError.lastTryRefused(serial: serial.hexString)
        case .triesLeft, .verified:
            return CardHolder(serial: serial, certificates: certificates, professional: professional)
        }
    }
}

/// A card whose certificate validated and whose PIN may be asked.
private struct CardHolder {
    let serial: [UInt8]
    let certificates: CardCertificates
    let professional: Professional
}

/// A card whose holder proved who they are: the identity, the certificates, and the driver with
/// the PIN verified, ready for key operations until the card leaves the reader.
public struct AuthenticatedCard: Sendable {
    public let professional: Professional
    public let certificates: CardCertificates
    public let driver: any CPSCardDriver
}

/// What a card says about itself without its PIN.
public struct CardInspection: Sendable {
    public let serial: [UInt8]
    public let certificate: X509Certificate
    /// The holder as the certificate names them, nil when the certificate does not name one.
    public let holder: Professional?
    /// Why the certificate would be refused, nil when it validates.
    public let rejection: CPSCardError?
    public let pin: PINStatus
    /// Certificate encodings the card stores that were read as the field's card clients read them.
    public let repairs: [CertificateRepair]
}
