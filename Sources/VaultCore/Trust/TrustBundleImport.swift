import Foundation
import SmartCard
import VaultCrypto

/// What `cpsvault trust import` does: the CA certificates of a bundle (PEM, DER or PKCS#7, as a
/// certification authority's directory publishes them) added to the configuration's trust files,
/// self-signed roots to the first "trustAnchors" file, the others to the first "intermediates"
/// file. A bundle with an end-entity certificate is refused whole. Each trust file is rewritten
/// atomically as PEM, its certificates kept and the new ones appended; one already there is not
/// added twice.
public struct TrustBundleImport: Sendable {
    /// The CA certificates of the bundle, each with the trust file it goes to.
    public let additions: [(certificate: X509Certificate, role: TrustInventory.Role)]

    /// Reads the bundle at `path`; throws when a certificate in it is not a CA's.
    public init(bundle path: String) throws {
        additions = try X509Certificate.loadPEMFile(path).map { certificate in
            guard certificate.isCertificateAuthority else {
                throw TrustError.endEntityCertificate(subject: certificate.subject.description, source: path)
            }
            return (certificate, certificate.subject == certificate.issuer ? .anchor : .intermediate)
        }
    }

    /// Adds the certificates to `anchorFile` and `intermediateFile` (created when missing), and
    /// returns those that were not there yet. Throws `noTrustFile` before writing anything when a
    /// file a certificate needs is not named.
    public func apply(anchorFile: String?, intermediateFile: String?) throws -> [X509Certificate] {
        let groups = try [(TrustInventory.Role.anchor, anchorFile, "trustAnchors"), (.intermediate, intermediateFile, "intermediates")]
            .compactMap { role, file, key throws(TrustError) -> (file: String, certificates: [X509Certificate])? in
                let certificates = additions.filter { $0.role == role }.map(\.certificate)
                guard !certificates.isEmpty else { return nil }
                guard let file else { throw .noTrustFile(key: key) }
                return (file, certificates)
            }
        var added: [X509Certificate] = []
        for (file, certificates) in groups {
            let present = FileManager.default.fileExists(atPath: file) ? try X509Certificate.loadPEMFile(file) : []
            let new = certificates.reduce(into: [X509Certificate]()) { new, certificate in
                if !present.contains(certificate) && !new.contains(certificate) { new.append(certificate) }
            }
            guard !new.isEmpty else { continue }
            try OutputFile(path: file, replacing: true, content: .trustFile).write { handle in
                try handle.write(contentsOf: Data((present + new).map(Self.pem).joined().utf8))
            }
            added += new
        }
        return added
    }

    /// `certificate` as a PEM CERTIFICATE block.
    private static func pem(_ certificate: X509Certificate) -> String {
        let base64 = Data(certificate.derEncoded).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }
}
