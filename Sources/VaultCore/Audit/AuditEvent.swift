import Foundation

/// One thing to record in the audit log: who did (or tried) what, on which patient, and how it
/// ended. Patients appear only by opaque id; reasons never carry patient data. Made and read
/// inside the package only, with the ids as the log stores and hashes them (bytes); outside it
/// the log is read as `AuditLine`.
package struct AuditEvent: Sendable, Hashable {
    package enum Outcome: String, Sendable, Codable {
        case granted, refused, failed
    }

    package var actorFingerprint: [UInt8]?
    package var actorNationalID: String?
    /// The act's name as the log keeps it: an `AuditAction`'s raw value (or, in entries written
    /// before the vocabulary, whatever name was written then, which the chain still covers).
    package var action: String
    package var patientID: [UInt8]?
    package var outcome: Outcome
    package var reason: String

    package init(actorFingerprint: [UInt8]?, actorNationalID: String?, action: AuditAction, patientID: [UInt8]? = nil,
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
