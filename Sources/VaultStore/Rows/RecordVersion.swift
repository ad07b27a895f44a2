import Foundation

/// One sealed version of a patient record, whose ciphertext is in `segmentCount` segments;
/// append-only, unique per (record, version), deleted only when the patient is crypto-shredded.
public struct RecordVersion: Sendable, Hashable {
    /// Opaque id (16 bytes).
    public var recordID: [UInt8]
    public var patientID: [UInt8]
    public var version: Int
    /// The version of the patient data key that sealed it.
    public var keyVersion: Int
    /// The envelope header.
    public var header: [UInt8]
    public var sealedContentType: [UInt8]
    public var plaintextSize: Int64
    public var segmentCount: Int
    public var authorFingerprint: [UInt8]
    public var createdAt: Date

    public init(
        recordID: [UInt8], patientID: [UInt8], version: Int, keyVersion: Int, header: [UInt8],
        sealedContentType: [UInt8], plaintextSize: Int64, segmentCount: Int,
        authorFingerprint: [UInt8], createdAt: Date
    ) {
        self.recordID = recordID
        self.patientID = patientID
        self.version = version
        self.keyVersion = keyVersion
        self.header = header
        self.sealedContentType = sealedContentType
        self.plaintextSize = plaintextSize
        self.segmentCount = segmentCount
        self.authorFingerprint = authorFingerprint
        self.createdAt = createdAt
    }
}
