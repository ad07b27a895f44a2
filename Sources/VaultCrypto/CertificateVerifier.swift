import COpenSSL
import Foundation

/// Checks a certificate the way swift-certificates' `Verifier` does: OpenSSL builds a chain to a
/// trust anchor and verifies every signature in it (and nothing else: no time, no CRL), then each
/// policy, in order, checks the rest.
public struct CertificateVerifier: Sendable {
    /// The only certificates a chain may end at.
    public let trustAnchors: [X509Certificate]
    /// Certificates offered to complete chains; trusted only through their own chain.
    public let intermediates: [X509Certificate]
    /// The checks applied, in order, to a chain whose signatures verified.
    public let policies: [any CertificatePolicy]

    /// A verifier trusting exactly `trustAnchors`, completing chains with `intermediates`, and
    /// applying `policies` in order.
    public init(trustAnchors: [X509Certificate], intermediates: [X509Certificate] = [], policies: [any CertificatePolicy]) {
        self.trustAnchors = trustAnchors
        self.intermediates = intermediates
        self.policies = policies
    }

    /// Builds a chain from `leaf` (plus `untrustedIntermediates` and the configured ones) to one of
    /// the anchors with every signature checked (`X509_verify_cert` with `X509_V_FLAG_NO_CHECK_TIME`,
    /// no CRL flags, no partial chains), then applies each policy in order.
    public func verify(
        _ leaf: X509Certificate, untrustedIntermediates: [X509Certificate] = [], at time: Date = Date()
    ) throws(CertificateRejection) -> CertificateChain {
        let chain = try buildChain(from: leaf, intermediates: intermediates + untrustedIntermediates)
        for policy in policies {
            try policy.check(chain, at: time)
        }
        return chain
    }

    private func buildChain(from leaf: X509Certificate, intermediates: [X509Certificate]) throws(CertificateRejection) -> CertificateChain {
        let subject = leaf.subject.description
        guard let store = X509_STORE_new() else { throw .invalidChain(subject: subject, reason: OpenSSLErrorQueue.drain()) }
        defer { X509_STORE_free(store) }
        guard let untrusted = COpenSSL_sk_X509_new_null() else {
            throw .invalidChain(subject: subject, reason: OpenSSLErrorQueue.drain())
        }
        defer { COpenSSL_sk_X509_pop_free(untrusted) }
        guard let context = X509_STORE_CTX_new() else { throw .invalidChain(subject: subject, reason: OpenSSLErrorQueue.drain()) }
        defer { X509_STORE_CTX_free(context) }

        for anchor in trustAnchors where X509_STORE_add_cert(store, anchor.x509) != 1 {
            throw .invalidChain(subject: subject, reason: OpenSSLErrorQueue.drain())
        }
        for intermediate in intermediates {
            // The stack owns a reference to each certificate, released by pop_free.
            guard X509_up_ref(intermediate.x509) == 1 else { throw .invalidChain(subject: subject, reason: OpenSSLErrorQueue.drain()) }
            guard COpenSSL_sk_X509_push(untrusted, intermediate.x509) > 0 else {
                X509_free(intermediate.x509)
                throw .invalidChain(subject: subject, reason: OpenSSLErrorQueue.drain())
            }
        }
        guard X509_STORE_CTX_init(context, store, leaf.x509, untrusted) == 1 else {
            throw .invalidChain(subject: subject, reason: OpenSSLErrorQueue.drain())
        }
        X509_STORE_CTX_set_flags(context, UInt(X509_V_FLAG_NO_CHECK_TIME))

        guard X509_verify_cert(context) == 1 else {
            throw Self.rejection(of: context, leafSubject: subject)
        }
        OpenSSLErrorQueue.discard()
        let candidates = [leaf] + intermediates + trustAnchors
        guard let built = X509_STORE_CTX_get0_chain(context) else {
            throw .invalidChain(subject: subject, reason: "OpenSSL returned no chain")
        }
        var certificates: [X509Certificate] = []
        for index in 0..<COpenSSL_sk_X509_num(built) {
            let member = COpenSSL_sk_X509_value(built, index)
            // OpenSSL returns the very objects it was given; map them back to ours.
            guard let certificate = candidates.first(where: { $0.x509 == member }) else {
                throw .invalidChain(subject: subject, reason: "the chain holds a certificate that was not supplied")
            }
            certificates.append(certificate)
        }
        return CertificateChain(certificates: certificates)
    }

    /// The rejection matching OpenSSL's verification error.
    private static func rejection(of context: OpaquePointer, leafSubject: String) -> CertificateRejection {
        let error = X509_STORE_CTX_get_error(context)
        let current = X509_STORE_CTX_get_current_cert(context)
            .flatMap(X509_get_subject_name)
            .flatMap(DistinguishedName.init(x509Name:))?.description ?? leafSubject
        let reason = X509_verify_cert_error_string(Int(error)).map { String(cString: $0) } ?? "error \(error)"
        OpenSSLErrorQueue.discard()
        switch error {
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
             X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            return .untrustedIssuer(subject: leafSubject)
        case X509_V_ERR_CERT_SIGNATURE_FAILURE, X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE,
             X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
            return .invalidSignature(subject: current)
        default:
            return .invalidChain(subject: current, reason: reason)
        }
    }
}
