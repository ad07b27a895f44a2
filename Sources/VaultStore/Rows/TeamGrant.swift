import Foundation

/// A care team entrusted with a patient; unique per (patient, team).
public struct TeamGrant: Sendable, Hashable {
    public var patientID: [UInt8]
    public var teamID: [UInt8]
    /// The granting professional's certificate fingerprint.
    public var grantedBy: [UInt8]
    public var grantedAt: Date

    public init(patientID: [UInt8], teamID: [UInt8], grantedBy: [UInt8], grantedAt: Date) {
        self.patientID = patientID
        self.teamID = teamID
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
    }
}
