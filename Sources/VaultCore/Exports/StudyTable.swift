import Foundation

/// How a study extract or aggregate is written: CSV (RFC 4180, a header line, CRLF) or JSON
/// Lines (one object per row, empty cells left out, keys sorted).
public enum StudyFormat: String, Sendable, CaseIterable, Codable {
    case csv
    case jsonl

    /// The header, when the format has one.
    func header(_ columns: [String]) -> [UInt8] {
        switch self {
        case .csv: Array((columns.map(Self.csvField).joined(separator: ",") + "\r\n").utf8)
        case .jsonl: []
        }
    }

    /// One row, its cells given by column name.
    func row(_ cells: [String: String], columns: [String]) -> [UInt8] {
        switch self {
        case .csv:
            return Array((columns.map { Self.csvField(cells[$0] ?? "") }.joined(separator: ",") + "\r\n").utf8)
        case .jsonl:
            let members = columns.filter { !(cells[$0] ?? "").isEmpty }.sorted()
                .map { "\(Self.jsonString($0)):\(Self.jsonString(cells[$0] ?? ""))" }
            return Array(("{" + members.joined(separator: ",") + "}\n").utf8)
        }
    }

    private static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func jsonString(_ value: String) -> String {
        var escaped = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
