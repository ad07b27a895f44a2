import Foundation

/// A grant made while the grantee was absent: the patient data key sealed to the grantee's
/// certificate, moved into the wallet at their next session; unique per (patient, professional,
/// key version).
public struct PendingGrant: Sendable, Hashable {
    public var patientID: [UInt8]
    /// The grantee's certificate fingerprint.
    public var fingerprint: [UInt8]
    public var keyVersion: Int
    public var sealedKey: [UInt8]
    /// The granting professional's certificate fingerprint.
    public var grantedBy: [UInt8]
    public var grantedAt: Date

    public init(
        patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int, sealedKey: [UInt8],
        grantedBy: [UInt8], grantedAt: Date
    ) {
        self.patientID = patientID
        self.fingerprint = fingerprint
        self.keyVersion = keyVersion
        self.sealedKey = sealedKey
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
    }
}
