import Foundation

/// No certificate of the chain except the anchor is revoked, according to a CRL of its issuer that
/// is signed by that issuer and current (thisUpdate ≤ time ≤ nextUpdate). Without such a CRL the
/// chain is refused: revocation unknown is not "not revoked".
public struct RevocationPolicy: CertificatePolicy {
    /// The CRLs to consult, from any issuers.
    public let crls: [CertificateRevocationList]

    /// A policy consulting `crls`; the ones that do not apply to a chain are ignored.
    public init(crls: [CertificateRevocationList]) {
        self.crls = crls
    }

    /// Throws `revoked` for the first listed certificate, or `revocationUnknown` when an issuer has no usable CRL.
    public func check(_ chain: CertificateChain, at time: Date) throws(CertificateRejection) {
        for (certificate, issuer) in zip(chain.certificates, chain.certificates.dropFirst()) {
            let current = try currentCRLs(of: issuer, at: time)
            if let date = current.lazy.compactMap({ $0.revocationDate(of: certificate) }).first {
                throw .revoked(subject: certificate.subject.description,
                               serial: certificate.serialNumber.map { hexByte($0) }.joined(), on: date)
            }
        }
    }

    /// The CRLs of `issuer` that it signed and that are current at `time`; throws if there are none,
    /// with the reason the most promising candidate was refused.
    private func currentCRLs(of issuer: X509Certificate, at time: Date) throws(CertificateRejection) -> [CertificateRevocationList] {
        let issued = crls.filter { $0.issuer == issuer.subject }
        let signed = issued.filter { $0.isSigned(by: issuer) }
        let current = signed.filter { crl in
            guard let nextUpdate = crl.nextUpdate else { return false }
            return crl.thisUpdate <= time && time <= nextUpdate
        }
        guard current.isEmpty else { return current }
        let reason: String
        if issued.isEmpty {
            reason = "no CRL from this authority is installed"
        } else if signed.isEmpty {
            reason = "the signature of its CRL does not verify"
        } else if let latest = signed.max(by: { $0.thisUpdate < $1.thisUpdate }), latest.thisUpdate > time {
            reason = "its CRL is not valid before \(latest.thisUpdate.formatted(.iso8601))"
        } else if let nextUpdate = signed.compactMap(\.nextUpdate).max() {
            reason = "its CRL is stale: an update was due on \(nextUpdate.formatted(.iso8601))"
        } else {
            reason = "its CRL has no nextUpdate date, so its freshness is unknown"
        }
        throw .revocationUnknown(issuer: issuer.subject.description, reason: reason)
    }
}

/// A byte as two upper-case hexadecimal digits.
private func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
