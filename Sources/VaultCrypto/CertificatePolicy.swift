import Foundation

/// One check on a chain whose signatures are already verified; callers compose several.
public protocol CertificatePolicy: Sendable {
    /// Returns when `chain` passes the check at `time`; otherwise throws why not.
    func check(_ chain: CertificateChain, at time: Date) throws(CertificateRejection)
}
