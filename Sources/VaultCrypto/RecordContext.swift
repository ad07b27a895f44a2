/// Everything a record version's ciphertext is bound to: every segment's authenticated data and
/// the header's commitment include its encoding, so a segment cannot be moved to another vault,
/// patient, record, version, key version or content type.
public struct RecordContext: Sendable, Hashable {
    /// The byte length of each identifier.
    public static let identifierByteCount = 16
    private static let label = "cpsvault record v1"

    /// The vault's identifier (16 bytes).
    public var vaultID: [UInt8]
    /// The patient's opaque identifier (16 bytes).
    public var patientID: [UInt8]
    /// The record's identifier (16 bytes).
    public var recordID: [UInt8]
    /// The version of the record this content is.
    public var recordVersion: UInt32
    /// The version of the patient data key (DEK) it is sealed under.
    public var keyVersion: UInt32
    /// The media type of the content, e.g. "text/plain" or "application/fhir+json".
    public var contentType: String

    /// A context; identifiers are checked (16 bytes each) when a sealer or opener uses it.
    public init(vaultID: [UInt8], patientID: [UInt8], recordID: [UInt8], recordVersion: UInt32, keyVersion: UInt32, contentType: String) {
        self.vaultID = vaultID
        self.patientID = patientID
        self.recordID = recordID
        self.recordVersion = recordVersion
        self.keyVersion = keyVersion
        self.contentType = contentType
    }

    /// The encoding of docs/FORMAT.md: label "cpsvault record v1", then the six fields in declaration order.
    public var encoded: [UInt8] {
        var encoder = ContextEncoder(label: Self.label)
        encoder.append(vaultID)
        encoder.append(patientID)
        encoder.append(recordID)
        encoder.append(recordVersion)
        encoder.append(keyVersion)
        encoder.append(contentType)
        return encoder.bytes
    }

    /// Throws unless every identifier has 16 bytes.
    func validate() throws(CryptoError) {
        try Self.check(vaultID, "vault id")
        try Self.check(patientID, "patient id")
        try Self.check(recordID, "record id")
    }

    private static func check(_ identifier: [UInt8], _ name: String) throws(CryptoError) {
        guard identifier.count == identifierByteCount else {
            throw .invalidLength(of: "A record context's \(name)", expected: identifierByteCount, found: identifier.count)
        }
    }
}
