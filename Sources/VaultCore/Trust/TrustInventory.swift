import CPSCard
import Foundation
import SmartCard
import VaultCrypto

/// What `cpsvault trust status` shows: every trust anchor, intermediate and CRL the configuration and the CRL
/// folder hold, with the dates that decide whether cards validate, and a warning for each CRL
/// that is stale or goes stale within `warningMargin`.
public struct TrustInventory: Sendable, Encodable {
    /// A CA certificate as configured.
    public struct Authority: Sendable, Encodable {
        public let role: Role
        public let file: String
        public let subject: String
        public let issuer: String
        public let fingerprint: CertificateFingerprint
        public let notBefore: Date
        public let notAfter: Date
        public let crlDistributionPoints: [String]
    }

    public enum Role: String, Sendable, Encodable {
        case anchor, intermediate
    }

    /// A CRL, from the configuration's list or the CRL folder.
    public struct RevocationList: Sendable, Encodable {
        public let file: String
        public let issuer: String
        /// SHA-256 of the DER encoding, upper-case hexadecimal.
        public let fingerprint: String
        public let thisUpdate: Date
        public let nextUpdate: Date?
        /// Whether a configured CA certificate of that name signed it.
        public let signedByConfiguredAuthority: Bool
        /// Set when the CRL is stale, not yet valid, unsigned by a configured CA, or goes stale
        /// within the warning margin.
        public let warning: String?
    }

    public let authorities: [Authority]
    public let revocationLists: [RevocationList]

    /// How close to its next update a CRL is warned about.
    public static let warningMargin: TimeInterval = 24 * 3600

    /// Reads the files named, and the CRLs of `folder`, as of `time`.
    public init(anchorFiles: [String], intermediateFiles: [String], revocationListFiles: [String],
                folder: RevocationListFolder, at time: Date = Date()) throws {
        var authorities: [Authority] = []
        var certificates: [X509Certificate] = []
        for (role, files) in [(Role.anchor, anchorFiles), (.intermediate, intermediateFiles)] {
            for file in files {
                for certificate in try X509Certificate.loadPEMFile(file) {
                    certificates.append(certificate)
                    authorities.append(Authority(
                        role: role, file: file, subject: certificate.subject.description,
                        issuer: certificate.issuer.description, fingerprint: CertificateFingerprint(bytes: certificate.sha256Fingerprint),
                        notBefore: certificate.notBefore, notAfter: certificate.notAfter,
                        crlDistributionPoints: certificate.crlDistributionPoints))
                }
            }
        }
        self.authorities = authorities
        revocationLists = try (revocationListFiles + folder.files()).map { file in
            let crl = try CertificateRevocationList.loadFile(file)
            let signed = certificates.contains { crl.isSigned(by: $0) }
            return RevocationList(
                file: file, issuer: crl.issuer.description, fingerprint: Digest.sha256(crl.derEncoded).hexString,
                thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate, signedByConfiguredAuthority: signed,
                warning: Self.warning(for: crl, signed: signed, at: time))
        }
    }

    /// What is wrong or about to be with `crl` at `time`, if anything.
    private static func warning(for crl: CertificateRevocationList, signed: Bool, at time: Date) -> String? {
        let refresh = "run `cpsvault trust refresh`"
        guard signed else { return "no configured CA certificate signed it: cards are not checked against it" }
        guard let nextUpdate = crl.nextUpdate else { return "it has no next update date: cards are refused (exit 33)" }
        if crl.thisUpdate > time { return "it is not valid yet: check this computer's clock" }
        if nextUpdate < time { return "stale since \(nextUpdate.formatted(.iso8601)): cards it covers are refused (exit 33); \(refresh)" }
        if nextUpdate.timeIntervalSince(time) < warningMargin {
            return "it goes stale within a day, on \(nextUpdate.formatted(.iso8601)); \(refresh)"
        }
        return nil
    }
}
