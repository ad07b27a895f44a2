/// Why trust maintenance (`cpsvault trust`) could not do what it was asked, with what to do.
public enum TrustError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The configuration names no CA certificate, so there is nothing to refresh or show.
    case noCertificateAuthorities
    /// A bundle to import holds a certificate that is not a CA's; nothing was imported.
    case endEntityCertificate(subject: String, source: String)
    /// The configuration lists no file of the kind an imported certificate belongs in.
    case noTrustFile(key: String)
    /// The CRL folder could not be created or read.
    case folderUnusable(path: String, reason: String)

    public var description: String {
        switch self {
        case .noCertificateAuthorities:
            "The configuration names no CA certificate: add the IGC-Santé roots and intermediates to \"trustAnchors\" and \"intermediates\" (`cpsvault trust import FILE`), then try again."
        case .endEntityCertificate(let subject, let source):
            "\(source) holds '\(subject)', which is not a certification authority's certificate: only CA certificates are imported; nothing was imported. Remove it from the bundle, or import the CA certificates alone."
        case .noTrustFile(let key):
            "The configuration lists no \"\(key)\" file to add the certificates to: name one (it is created if missing), e.g. \"\(key)\": [\"/etc/cpsvault/\(key).pem\"], then import again; nothing was imported."
        case .folderUnusable(let path, let reason):
            "The CRL folder \(path) cannot be used (\(reason)): check it is a folder you own, or name another with \"crlDirectory\" in the configuration."
        }
    }
}
