import Foundation
import VaultCore

/// Writes a command's result: one JSON object on a line with `--json`, else text for a person.
enum Output {
    /// Writes `value` as JSON with `--json`, else `text`, whose interpolated values have their
    /// control characters escaped (`TerminalText`).
    static func emit(_ value: some Encodable, json: Bool, text: () -> TerminalText) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(value), as: UTF8.self))
        } else {
            print(text().description)
        }
    }

    /// Tells the person something on standard error, as a line beginning `cpsvault: `.
    static func note(_ text: TerminalText) {
        FileHandle.standardError.write(Data("cpsvault: \(text.description)\n".utf8))
    }

    /// Writes the rows of `listing` (`emit`), then says on standard error which rows it left out
    /// because they failed authentication, each a `kind` ("patient", "record") named by its id.
    static func emit<Item>(_ listing: Listing<Item>, kind: String, json: Bool, text: () -> TerminalText) throws {
        try emit(listing.items, json: json, text: text)
        for id in listing.tampered {
            note("\(kind) \(id) was left out: it failed authentication, so the vault was tampered with. Restore the vault from a backup and report the incident; this is in the audit log.")
        }
    }

    /// Writes `file`, which appears only once `body` has written all of it, owner-only; when
    /// `body` throws (a tampered record, a refusal), no file is left behind (`OutputFile`).
    static func writeFile(_ file: OutputFile, _ body: (FileHandle) throws -> Void) throws {
        try file.write(body)
    }
}
