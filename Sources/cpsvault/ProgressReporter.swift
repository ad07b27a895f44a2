import Foundation

/// Shows how far a long command has come, on standard error so that standard output keeps only
/// the result: a bar redrawn in place on a terminal, else one JSON object per line
/// (`{"event":"progress","done":…,"total":…,…}`) for scripts and logs.
struct ProgressReporter {
    private let onTerminal = isatty(FileHandle.standardError.fileDescriptor) == 1
    let label: String

    /// Reports `done` of `total`, with `details` added to the JSON line.
    func report(done: Int, total: Int, details: [String: Int] = [:]) {
        if onTerminal {
            let fraction = total == 0 ? 1 : Double(done) / Double(total)
            let filled = Int((fraction * 30).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total)".utf8))
            if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            var line = details
            line["done"] = done
            line["total"] = total
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let fields = (try? encoder.encode(line)).map { String(decoding: $0.dropFirst(), as: UTF8.self) } ?? "}"
            FileHandle.standardError.write(Data("{\"event\":\"progress\",\"label\":\"\(label)\",\(fields)\n".utf8))
        }
    }
}
