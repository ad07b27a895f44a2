import Foundation

/// One thing to record in the audit log: who did (or tried) what, on which patient, and how it
/// ended. Patients appear only by opaque id; reasons never carry patient data.
public struct AuditEvent: Sendable, Hashable {
    public enum Outcome: String, Sendable, Codable {
        case granted, refused, failed
    }

    public var actorFingerprint: [UInt8]?
    public var actorNationalID: String?
    /// The act's name as the log keeps it: an `AuditAction`'s raw value (or, in entries written
    /// before the vocabulary, whatever name was written then, which the chain still covers).
    public var action: String
    public var patientID: [UInt8]?
    public var outcome: Outcome
    public var reason: String

    public init(actorFingerprint: [UInt8]?, actorNationalID: String?, action: AuditAction, patientID: [UInt8]? = nil,
                outcome: Outcome, reason: String = "") {
        self.init(actorFingerprint: actorFingerprint, actorNationalID: actorNationalID, storedAction: action.rawValue,
                  patientID: patientID, outcome: outcome, reason: reason)
    }

    /// An entry as the store holds it, for checking the chain.
    init(actorFingerprint: [UInt8]?, actorNationalID: String?, storedAction action: String, patientID: [UInt8]?,
         outcome: Outcome, reason: String) {
        self.actorFingerprint = actorFingerprint
        self.actorNationalID = actorNationalID
        self.action = action
        self.patientID = patientID
        self.outcome = outcome
        self.reason = reason
    }
}
