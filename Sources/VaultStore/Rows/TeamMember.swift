import Foundation

/// A professional's membership of a care team; unique per (team, professional).
public struct TeamMember: Sendable, Hashable {
    public var teamID: [UInt8]
    /// The member's certificate fingerprint.
    public var fingerprint: [UInt8]
    public var addedAt: Date

    public init(teamID: [UInt8], fingerprint: [UInt8], addedAt: Date) {
        self.teamID = teamID
        self.fingerprint = fingerprint
        self.addedAt = addedAt
    }
}
