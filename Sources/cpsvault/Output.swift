import Foundation

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
        let partial = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: partial])
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
            defer { try? handle.close() }
            try body(handle)
            try handle.synchronize()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }
}
