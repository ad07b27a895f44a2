import Foundation

/// One thing to record in the audit log: who did (or tried) what, on which patient, and how it
/// ended. Patients appear only by opaque id; reasons never carry patient data.
public struct AuditEvent: Sendable, Hashable {
    public enum Outcome: String, Sendable, Codable {
        case granted, refused, failed
    }

    public var actorFingerprint: [UInt8]?
    public var actorNationalID: String?
    public var action: String
    public var patientID: [UInt8]?
    public var outcome: Outcome
    public var reason: String

    public init(actorFingerprint: [UInt8]?, actorNationalID: String?, action: String, patientID: [UInt8]? = nil,
                outcome: Outcome, reason: String = "") {
        self.actorFingerprint = actorFingerprint
        self.actorNationalID = actorNationalID
        self.action = action
        self.patientID = patientID
        self.outcome = outcome
        self.reason = reason
    }
}
