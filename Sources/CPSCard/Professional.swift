import SmartCard
import VaultCrypto

/// A health professional (or establishment staff member) as proven by a CPS card: every field
/// comes from the card's validated authentication certificate, never from the user.
public struct Professional: Sendable, Hashable, Codable {
    public var nationalID: NationalID
    public var profession: ProfessionCode
    public var surname: String
    public var givenName: String
    /// The card's serial number from EF.SN, in hexadecimal.
    public var cardSerial: String
    /// SHA-256 of the authentication certificate, in hexadecimal: the actor id of the audit log.
    public var certificateFingerprint: String

    /// Reads the identity out of a certificate that has already been validated.
    public init(certificate: X509Certificate, cardSerial: [UInt8]) throws(CPSCardError) {
        let subject = certificate.subject
        guard let commonName = subject.commonName, let id = NationalID(commonName) else {
            throw .malformedCardData(what: "authentication certificate",
                                     reason: "its common name is not a national health identifier")
        }
        let label = subject.title ?? subject.organizationalUnits.first { ProfessionCode(label: $0) != nil }
        guard let label, let profession = ProfessionCode(label: label) else {
            throw .malformedCardData(what: "authentication certificate",
                                     reason: "it names no known profession")
        }
        nationalID = id
        self.profession = profession
        surname = subject.surname ?? ""
        givenName = subject.givenName ?? ""
        self.cardSerial = cardSerial.hexString
        certificateFingerprint = certificate.sha256Fingerprint.hexString
    }
}
