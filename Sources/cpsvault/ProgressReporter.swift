import Foundation

/// Shows how far a long command has come, on standard error so that standard output keeps only
/// the result: a bar redrawn in place on a terminal; else, with `--json`, one JSON object per
/// line for scripts (`{"event":"progress","label":…,"done":…,"total":…}` with the command's own
/// progress fields beside them), and without it one line of text per step (`label: done/total`).
struct ProgressReporter {
    private let onTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1
    let label: String
    /// Whether the command was given `--json`.
    let json: Bool

    /// Reports `done` of `total`, with the fields of `details` added to the JSON line.
    func report(done: Int, total: Int, details: some Encodable) {
        if onTerminal {
            let fraction = total <= 0 ? 1 : min(Double(done) / Double(total), 1)
            let filled = Int((fraction * 30).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total)".utf8))
            if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
            return
        }
        guard json else {
            FileHandle.standardError.write(Data("\(label): \(done)/\(total)\n".utf8))
            return
        }
        var line = (try? JSONEncoder().encode(details)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        line["event"] = "progress"
        line["label"] = label
        line["done"] = done
        line["total"] = total
        guard let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}
