import Foundation

/// Every certificate in the chain, leaf first, is within its validity period at the given time.
public struct ValidityPolicy: CertificatePolicy {
    /// The policy; it has no settings.
    public init() {}

    /// Throws `notYetValid` or `expired` for the first certificate outside its validity period at `time`.
    public func check(_ chain: CertificateChain, at time: Date) throws(CertificateRejection) {
        for certificate in chain.certificates {
            if time < certificate.notBefore {
                throw .notYetValid(subject: certificate.subject.description, notBefore: certificate.notBefore)
            }
            if time > certificate.notAfter {
                throw .expired(subject: certificate.subject.description, notAfter: certificate.notAfter)
            }
        }
    }
}
