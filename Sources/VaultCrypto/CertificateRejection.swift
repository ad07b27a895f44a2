import Foundation

/// Why a certificate chain was refused. Each description names the certificate and says what to do.
public enum CertificateRejection: Error, CustomStringConvertible, Equatable, Sendable {
    /// No chain from the certificate to a configured trust anchor.
    case untrustedIssuer(subject: String)
    /// A signature in the chain does not verify.
    case invalidSignature(subject: String)
    /// The chain was found but breaks X.509 rules (an issuer that is not a CA, a path too long…).
    case invalidChain(subject: String, reason: String)
    /// A certificate of the chain ended its validity before the time of the check.
    case expired(subject: String, notAfter: Date)
    /// A certificate of the chain starts its validity after the time of the check.
    case notYetValid(subject: String, notBefore: Date)
    /// A current CRL of its issuer lists the certificate; `serial` is upper-case hexadecimal.
    case revoked(subject: String, serial: String, on: Date)
    /// Revocation could not be checked: no CRL from this issuer, a stale one, or one whose signature is bad.
    case revocationUnknown(issuer: String, reason: String)
    /// The leaf does not allow the usages the caller needs (RFC 5280 names in `required`).
    case missingKeyUsage(subject: String, required: String)

    /// What was refused and what the user can do about it.
    public var description: String {
        switch self {
        case .untrustedIssuer(let subject):
            "The certificate '\(subject)' does not chain to a trusted certification authority: it cannot be used here; if it should, add its root to the configured trust anchors (and its intermediates)."
        case .invalidSignature(let subject):
            "The signature on the certificate '\(subject)' does not verify: the certificate was altered or forged; do not use it and report the card."
        case .invalidChain(let subject, let reason):
            "The certificate chain of '\(subject)' is not valid (\(reason)): it cannot be used; check the configured intermediates."
        case .expired(let subject, let notAfter):
            "The certificate '\(subject)' expired on \(Self.day(notAfter)): it can no longer be used; if it is a card, ask the holder for their renewed card."
        case .notYetValid(let subject, let notBefore):
            "The certificate '\(subject)' is not valid before \(Self.day(notBefore)): wait until then, or check this computer's clock."
        case .revoked(let subject, let serial, let date):
            "The certificate '\(subject)' (serial \(serial)) was revoked on \(Self.day(date)): it must not be used; if it is a card, the holder must ask their card issuer for a new one."
        case .revocationUnknown(let issuer, let reason):
            "Revocation of certificates issued by '\(issuer)' cannot be checked (\(reason)): run `cpsvault trust refresh` to fetch a current CRL from that authority (or install one by hand), then try again."
        case .missingKeyUsage(let subject, let required):
            "The certificate '\(subject)' does not allow \(required): use the card's certificate meant for this purpose."
        }
    }

    /// A date as YYYY-MM-DD in UTC.
    private static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
    }
}
