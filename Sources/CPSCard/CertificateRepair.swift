import SmartCard

/// A certificate whose `signatureValue` BIT STRING the card stores with a non-zero unused-bits octet, read
/// as the ANS library reads it: that octet set back to 0 before parsing and chain validation.
///
/// An RSA signature fills whole octets, so the octet can only be wrong; a parser that believed it would
/// clear the last signature bits and the signature would no longer verify. The repair is recorded so that
/// it can be shown.
public struct CertificateRepair: Sendable, Equatable, CustomStringConvertible {
    /// The certificate's label in the card's CDF.
    public let certificateLabel: String
    /// The unused-bits octet the card stores.
    public let storedUnusedBits: UInt8

    public var description: String {
        "the card stores the signatureValue of '\(certificateLabel)' with unused-bits octet "
            + "\([storedUnusedBits].hexString); it was read as 00"
    }

    /// The DER to parse for a certificate file's content, and the repair made, nil when none was needed.
    /// Content that is not a certificate's outer SEQUENCE, or whose octet is above 7 (X.690 8.6.2.2), is
    /// returned unchanged for the X.509 parser to refuse.
    static func repairing(_ der: [UInt8], label: String) -> (der: [UInt8], repair: CertificateRepair?) {
        guard let repaired = CertificateSignatureBits.settingUnusedBitsOctet(of: der, to: 0),
              (1...7).contains(repaired.previous) else {
            return (der, nil)
        }
        return (repaired.certificate, CertificateRepair(certificateLabel: label, storedUnusedBits: repaired.previous))
    }
}
