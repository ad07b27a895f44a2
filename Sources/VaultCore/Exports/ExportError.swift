/// What stops an export, with what to do about it. No case carries patient data.
public enum ExportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The dossier changed between the pass that hashed it and the pass that wrote it.
    case contentChanged
    /// A study definition is malformed or asks for an element the extract may not carry.
    case invalidStudy(String)
    /// An aggregate's threshold is below the minimum for published counts.
    case thresholdTooLow(Int, minimum: Int)
    /// A record is larger than the container format can hold.
    case recordTooLarge(recordID: String)
    /// The output file could not be written.
    case outputFailed(content: OutputContent, path: String, reason: String)
    /// A file exists under the output's name and replacing it was not asked for.
    case outputExists(content: OutputContent, path: String)
    /// The output's name is a folder, a block device or a socket.
    case outputRefused(content: OutputContent, path: String, kind: String)

    public var description: String {
        switch self {
        case .contentChanged:
            "The dossier changed while it was being exported (a record or event was added): nothing was written; run the export again."
        case .invalidStudy(let reason):
            "The study definition is not usable: \(reason). Nothing was exported; correct the file (docs/EXPORTS.md lists the elements)."
        case .thresholdTooLow(let threshold, let minimum):
            "The threshold \(threshold) is too low: a published count must cover at least \(minimum) patients, so --threshold must be \(minimum) or more. Nothing was exported."
        case .recordTooLarge(let recordID):
            "Record \(recordID) is larger than an export container entry can hold (8 GiB): nothing was written."
        case .outputFailed(let content, let path, let reason):
            "The \(content.rawValue) could not be written to \(path): \(reason). No file was left under that name."
        case .outputExists(let content, let path):
            "The \(content.rawValue) was not written: \(path) already exists. Give --force to replace it, or name another file; it was left unchanged."
        case .outputRefused(let content, let path, let kind):
            "The \(content.rawValue) was not written: \(path) is \(kind), not a file. Name a file with --output; nothing was changed."
        }
    }
}
