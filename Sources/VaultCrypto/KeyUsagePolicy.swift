import Foundation

/// The leaf's keyUsage extension allows every required usage; a leaf without the extension is refused.
public struct KeyUsagePolicy: CertificatePolicy {
    /// The usages the leaf must have.
    public let required: KeyUsage

    /// A policy requiring every usage in `required` on the leaf.
    public init(requiring required: KeyUsage) {
        self.required = required
    }

    /// Throws `missingKeyUsage` when the leaf lacks the extension or one of the required usages.
    public func check(_ chain: CertificateChain, at time: Date) throws(CertificateRejection) {
        guard let usage = chain.leaf.keyUsage, usage.isSuperset(of: required) else {
            throw .missingKeyUsage(subject: chain.leaf.subject.description, required: required.description)
        }
    }
}
