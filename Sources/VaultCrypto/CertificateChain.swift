/// A chain whose signatures OpenSSL verified, from the certificate being checked to a trust anchor.
public struct CertificateChain: Sendable {
    /// Leaf first, trust anchor last; never empty.
    public let certificates: [X509Certificate]

    init(certificates: [X509Certificate]) {
        precondition(!certificates.isEmpty, "a certificate chain holds at least the leaf")
        self.certificates = certificates
    }

    /// The certificate that was checked.
    public var leaf: X509Certificate { certificates[0] }
    /// The trust anchor the chain ends at (the leaf itself when the leaf is an anchor).
    public var anchor: X509Certificate { certificates[certificates.count - 1] }
}
