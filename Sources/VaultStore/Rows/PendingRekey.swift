import Foundation

/// A patient waiting for a new data key (after an opposition, for example); at most one per
/// patient.
public struct PendingRekey: Sendable, Hashable {
    public var patientID: [UInt8]
    public var reason: String
    public var queuedAt: Date

    public init(patientID: [UInt8], reason: String, queuedAt: Date) {
        self.patientID = patientID
        self.reason = reason
        self.queuedAt = queuedAt
    }
}
