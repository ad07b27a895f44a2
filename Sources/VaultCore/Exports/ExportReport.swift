import Foundation
import VaultCrypto

/// Where an export goes: the recipients' certificates it is encrypted to, intermediates carried
/// so that a verifier holding only the root can check the card's signature, and the file.
public struct ExportDestination: Sendable {
    public var recipients: [X509Certificate]
    public var intermediates: [X509Certificate]
    public var path: String
    /// Whether an existing file at `path` may be replaced (`OutputFile`).
    public var replacing: Bool

    public init(recipients: [X509Certificate], intermediates: [X509Certificate] = [], path: String, replacing: Bool = false) {
        self.recipients = recipients
        self.intermediates = intermediates
        self.path = path
        self.replacing = replacing
    }
}

/// The two passes over an export's content: the first hashes it for the card's signature, the
/// second writes it, signed and encrypted.
public enum ExportPass: String, Codable, Sendable {
    case digest
    case write
}

/// How far an export has got, reported after each record.
public struct ExportProgress: Codable, Sendable, Equatable {
    public var export: String
    public var pass: ExportPass
    public var patientsDone: Int
    public var patientsTotal: Int
    public var recordsDone: Int
    /// Bytes of inner content so far in this pass.
    public var contentBytes: Int64
}

/// What an export wrote, for a person or a script; no patient data.
public struct ExportSummary: Codable, Sendable, Equatable {
    public var export: String
    public var output: String
    /// `tar` for restitution, `csv` or `jsonl` for studies and aggregates.
    public var format: String
    public var patients: Int
    /// Record versions in a restitution; rows in a study extract; cells in an aggregate.
    public var items: Int
    /// Records not exported, by reason (studies only).
    public var leftOut: [String: Int]
    /// Aggregate cells whose count fell below the threshold.
    public var suppressedCells: Int?
    public var contentBytes: Int64
    /// SHA-256 of the inner content, as signed (the message digest of the SignedData).
    public var contentSHA256: String
    /// The national id of the card holder who signed it.
    public var signer: String
    /// The recipients' certificate fingerprints (SHA-256).
    public var recipients: [String]
}
