/// The unused-bits octet of an X.509 certificate's `signatureValue` BIT STRING (RFC 5280 section 4.1),
/// rewritten without decoding the rest of the certificate.
///
/// Some CPS3 cards store certificates whose octet is not 0, although an RSA signature fills whole octets;
/// the card reader sets it back to 0 before parsing, and the simulated field card writes it that way.
public enum CertificateSignatureBits {
    /// The certificate with the octet set to `octet`, and the octet it had; nil when `der` is not a
    /// SEQUENCE { SEQUENCE, SEQUENCE, BIT STRING } with signature octets, so that the X.509 parser refuses it.
    ///
    /// Only the outer headers are re-encoded, in their shortest form; the signed `tbsCertificate` is copied.
    public static func settingUnusedBitsOctet(of der: [UInt8], to octet: UInt8) -> (certificate: [UInt8], previous: UInt8)? {
        guard let certificate = try? BERTLV.parseOne(der), certificate.tag == 0x30,
              var fields = try? certificate.children(), fields.count == 3,
              fields[1].tag == 0x30, fields[2].tag == 0x03, fields[2].value.count > 1
        else {
            return nil
        }
        let previous = fields[2].value[0]
        fields[2].value[0] = octet
        return (BERTLV(tag: 0x30, children: fields).encoded, previous)
    }
}
