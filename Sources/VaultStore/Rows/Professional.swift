import Foundation

/// An enrolled card holder, identified by the SHA-256 fingerprint of the card certificate;
/// never deleted, only marked removed.
public struct Professional: Sendable, Hashable {
    /// What an enrolled card holder may do.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case professional
        case admin
    }

    /// SHA-256 of the card certificate (32 bytes).
    public var fingerprint: [UInt8]
    public var nationalID: String
    public var role: Role
    /// The card certificate, DER.
    public var certificate: [UInt8]
    /// The wallet key sealed to the card certificate.
    public var sealedWalletKey: [UInt8]
    /// A 32-byte value that confirms an unsealed wallet key is the right one.
    public var walletCheck: [UInt8]
    public var enrolledAt: Date
    public var removedAt: Date?

    public init(
        fingerprint: [UInt8], nationalID: String, role: Role, certificate: [UInt8],
        sealedWalletKey: [UInt8], walletCheck: [UInt8], enrolledAt: Date, removedAt: Date? = nil
    ) {
        self.fingerprint = fingerprint
        self.nationalID = nationalID
        self.role = role
        self.certificate = certificate
        self.sealedWalletKey = sealedWalletKey
        self.walletCheck = walletCheck
        self.enrolledAt = enrolledAt
        self.removedAt = removedAt
    }
}
