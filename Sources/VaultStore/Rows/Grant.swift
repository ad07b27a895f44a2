import Foundation

/// A professional's access to a patient: one version of the patient data key wrapped under the
/// professional's wallet key; unique per (patient, professional, key version).
public struct Grant: Sendable, Hashable {
    public var patientID: [UInt8]
    /// The grantee's certificate fingerprint.
    public var fingerprint: [UInt8]
    public var keyVersion: Int
    public var wrappedKey: [UInt8]
    /// The granting professional's certificate fingerprint.
    public var grantedBy: [UInt8]
    public var grantedAt: Date

    public init(
        patientID: [UInt8], fingerprint: [UInt8], keyVersion: Int, wrappedKey: [UInt8],
        grantedBy: [UInt8], grantedAt: Date
    ) {
        self.patientID = patientID
        self.fingerprint = fingerprint
        self.keyVersion = keyVersion
        self.wrappedKey = wrappedKey
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
    }
}
