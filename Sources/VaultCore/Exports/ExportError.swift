/// What stops an export, with what to do about it. No case carries patient data.
public enum ExportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The dossier changed between the pass that hashed it and the pass that wrote it.
    case contentChanged
    /// A study definition is malformed or asks for an element the extract may not carry.
    case invalidStudy(String)
    /// A record is larger than the container format can hold.
    case recordTooLarge(recordID: String)
    /// The output file could not be written.
    case outputFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .contentChanged:
            "The dossier changed while it was being exported (a record or event was added): nothing was written; run the export again."
        case .invalidStudy(let reason):
            "The study definition is not usable: \(reason). Nothing was exported; correct the file (docs/EXPORTS.md lists the elements)."
        case .recordTooLarge(let recordID):
            "Record \(recordID) is larger than an export container entry can hold (8 GiB): nothing was written."
        case .outputFailed(let path, let reason):
            "The export could not be written to \(path): \(reason). No file was left under that name."
        }
    }
}
