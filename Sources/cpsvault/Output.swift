import Foundation
import VaultCore

/// Writes a command's result: one JSON object on a line with `--json`, else text for a person.
enum Output {
    static func emit(_ value: some Encodable, json: Bool, text: () -> String) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(value), as: UTF8.self))
        } else {
            print(text())
        }
    }

    /// Writes a file that appears at `path` only once `body` has written all of it, owner-only;
    /// when `body` throws (a tampered record, a refusal), no file is left behind.
    static func writeFile(at path: String, _ body: (FileHandle) throws -> Void) throws {
        try OwnerOnlyFile.write(at: path, body)
    }
}
