import Foundation

/// One recorded policy decision about a patient (consent, opposition, …); append-only, deleted
/// only when the patient is crypto-shredded.
public struct PolicyEvent: Sendable, Hashable {
    /// Opaque id (16 bytes).
    public var eventID: [UInt8]
    public var patientID: [UInt8]
    /// What was decided: `consent`, `consentWithdrawal`, `opposition`, `oppositionLifted`,
    /// `hostingConsent`, `relativesObjection`, `deceased`; the store does not interpret it.
    public var kind: String
    /// The details, sealed.
    public var payload: [UInt8]
    /// The professional or team concerned, or nil for the whole structure.
    public var subjectFingerprint: [UInt8]?
    /// The recording professional's certificate fingerprint.
    public var recordedBy: [UInt8]
    public var recordedAt: Date

    public init(
        eventID: [UInt8], patientID: [UInt8], kind: String, payload: [UInt8],
        subjectFingerprint: [UInt8]?, recordedBy: [UInt8], recordedAt: Date
    ) {
        self.eventID = eventID
        self.patientID = patientID
        self.kind = kind
        self.payload = payload
        self.subjectFingerprint = subjectFingerprint
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
