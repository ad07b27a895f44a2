import Foundation

/// One step of a patient's rekey, as it happens: for progress reports. Never carries patient
/// data, only the opaque patient id, key versions and counts.
public struct RekeyStep: Sendable, Hashable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The new key version was made, escrowed and handed to the holders (or had been, and
        /// the rekey resumes with it).
        case started, resumed
        /// One more record version is sealed under the new key.
        case resealed
        /// Every record version is on the new key and every copy of the old ones is destroyed.
        case finished
    }

    public var patientID: PatientID
    public var step: Kind
    /// The patient key version the rekey moves to.
    public var keyVersion: Int
    /// Record versions resealed so far by this run, and how many it has found to reseal.
    public var resealed: Int
    public var toReseal: Int
}

/// What one patient's rekey did, as `cpsvault admin rekey` reports it.
public struct RekeyReport: Sendable, Hashable, Codable {
    public var patientID: PatientID
    /// The patient key version the records are now sealed under.
    public var keyVersion: Int
    /// Whether this run carried on with a key an interrupted run had made.
    public var resumed: Bool
    /// Record versions resealed by this run.
    public var resealedRecordVersions: Int
    /// Holders handed the new key as a pending grant (when this run made it).
    public var keyHolders: Int
}

/// How a rekey in progress is marked in the queue of pending rekeys: the row's reason names the
/// key version being made, so that a rekey queued again meanwhile (an opposition while the
/// records are resealed) replaces it and survives the end of this one.
enum RekeyQueue {
    static func inProgress(keyVersion: Int) -> String { "rekeying to patient key version \(keyVersion)" }

    static func isInProgress(_ reason: String) -> Bool { reason.hasPrefix("rekeying to patient key version ") }
}
