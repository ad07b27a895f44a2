import Foundation

/// A patient as stored: an opaque id, the keyed blind index of the identifier (unique), and
/// the sealed identity; the row outlives crypto-shredding, which sets `shreddedAt`.
public struct Patient: Sendable, Hashable {
    /// Opaque id (16 bytes).
    public var patientID: [UInt8]
    /// Keyed blind index of the patient identifier (32 bytes), unique in the vault.
    public var blindIndex: [UInt8]
    /// The patient identity, sealed under the patient's data key.
    public var identity: [UInt8]
    /// The version of the patient data key that seals new records.
    public var currentKeyVersion: Int
    public var createdAt: Date
    /// When the patient's keys were destroyed; once set, record versions may be deleted and no
    /// new ones added.
    public var shreddedAt: Date?

    public init(
        patientID: [UInt8], blindIndex: [UInt8], identity: [UInt8], currentKeyVersion: Int,
        createdAt: Date, shreddedAt: Date? = nil
    ) {
        self.patientID = patientID
        self.blindIndex = blindIndex
        self.identity = identity
        self.currentKeyVersion = currentKeyVersion
        self.createdAt = createdAt
        self.shreddedAt = shreddedAt
    }
}
