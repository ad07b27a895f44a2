import Foundation

/// The offline recovery certificate every vault key version is sealed to: at most one per vault,
/// kept so that a rotation can seal the new version to it; replacing it replaces the row.
public struct RecoveryCertificate: Sendable, Hashable {
    /// SHA-256 of the certificate (32 bytes), the holder fingerprint of its sealed vault keys.
    public var fingerprint: [UInt8]
    /// The certificate, DER.
    public var certificate: [UInt8]
    public var setAt: Date

    public init(fingerprint: [UInt8], certificate: [UInt8], setAt: Date) {
        self.fingerprint = fingerprint
        self.certificate = certificate
        self.setAt = setAt
    }
}
