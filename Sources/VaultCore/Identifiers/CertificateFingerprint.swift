/// The SHA-256 of a certificate's DER encoding (32 bytes): how the vault names a card holder
/// (their authentication certificate) and a recovery certificate.
public typealias CertificateFingerprint = OpaqueIdentifier<CertificateFingerprintTag>

/// The tag of `CertificateFingerprint`.
public enum CertificateFingerprintTag: IdentifierTag {
    public static let kind = IdentifierKind.certificateFingerprint
}
