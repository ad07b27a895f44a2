import Foundation
import VaultCrypto

/// The trust material card certificates are validated against: anchors (the IGC-Santé roots in
/// production), intermediates, and CRLs. Test anchors are used only where a configuration or
/// flag names them.
public struct CardTrust: Sendable {
    public var anchors: [X509Certificate]
    public var intermediates: [X509Certificate]
    public var revocationLists: [CertificateRevocationList]

    public init(anchors: [X509Certificate], intermediates: [X509Certificate] = [],
                revocationLists: [CertificateRevocationList] = []) {
        self.anchors = anchors
        self.intermediates = intermediates
        self.revocationLists = revocationLists
    }

    /// Loads every certificate and CRL from the named PEM, DER or PKCS#7 files, and the CRLs
    /// installed in `revocationListFolder` when one is given.
    public init(anchorFiles: [String], intermediateFiles: [String], revocationListFiles: [String],
                revocationListFolder: RevocationListFolder? = nil) throws {
        anchors = try anchorFiles.flatMap(X509Certificate.loadPEMFile)
        intermediates = try intermediateFiles.flatMap(X509Certificate.loadPEMFile)
        revocationLists = try revocationListFiles.map(CertificateRevocationList.loadFile)
            + (revocationListFolder?.revocationLists() ?? [])
    }

    /// What an authentication certificate must satisfy: a chain to an anchor, every certificate
    /// in its validity period and not revoked by a current CRL of its issuer, and the key usages
    /// the vault needs (signing challenges and deciphering keys).
    public func verifier() throws(CPSCardError) -> CertificateVerifier {
        guard !anchors.isEmpty else { throw .noTrustAnchors }
        return CertificateVerifier(
            trustAnchors: anchors, intermediates: intermediates,
            policies: [
                ValidityPolicy(),
                RevocationPolicy(crls: revocationLists),
                KeyUsagePolicy(requiring: [.digitalSignature, .keyEncipherment]),
            ])
    }
}
