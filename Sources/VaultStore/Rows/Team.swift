import Foundation

/// A care team, entrusted with a patient as a whole through a `TeamGrant`.
public struct Team: Sendable, Hashable {
    /// Opaque id (16 bytes).
    public var teamID: [UInt8]
    public var name: String
    public var createdAt: Date

    public init(teamID: [UInt8], name: String, createdAt: Date) {
        self.teamID = teamID
        self.name = name
        self.createdAt = createdAt
    }
}
