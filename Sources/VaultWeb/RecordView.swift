import Foundation
import HTTPTypes
import Hummingbird
import VaultCore

/// How a record is shown, by its content type: text and JSON (FHIR among it) written into the
/// page, escaped; common images and PDF inline from a sandboxed answer; anything else (HTML,
/// SVG, scripts, unknown types) only downloaded, never rendered in the app.
enum RecordView: Equatable {
    case text(json: Bool)
    case image
    case framed
    case download

    /// The largest record written into a page; a larger one is downloaded.
    static let textLimit = 2 * 1024 * 1024

    init(contentType: String) {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "text/plain", "text/csv", "text/markdown": self = .text(json: false)
        case "application/json", "application/fhir+json": self = .text(json: true)
        case "image/png", "image/jpeg", "image/gif", "image/webp": self = .image
        case "application/pdf": self = .framed
        default: self = .download
        }
    }

    /// The content of one version, read whole through the session.
    static func read(_ session: VaultSession, _ patientID: PatientID, _ recordID: RecordID, _ version: Int) throws -> Data {
        var content = Data()
        try session.care.readRecord(patient: patientID, recordID: recordID, version: version) { content.append($0) }
        return content
    }

    /// Text as the page shows it: JSON indented, anything else as it is (the template escapes it).
    static func readable(_ content: Data, json: Bool) -> String {
        if json, let object = try? JSONSerialization.jsonObject(with: content),
           let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) {
            return String(decoding: pretty, as: UTF8.self)
        }
        return String(decoding: content.prefix(textLimit), as: UTF8.self)
    }

    /// The content as its own answer: a sandbox policy (no script, an opaque origin), and
    /// `attachment` unless it is an image or PDF shown inline.
    func response(_ content: Data, contentType: String, version: Int, download: Bool) -> Response {
        let inline = !download && (self == .image || self == .framed)
        var headers: HTTPFields = [
            .contentType: contentType,
            .contentDisposition: inline ? "inline" : "attachment; filename=\"document-v\(version)\"",
            .contentSecurityPolicy: self == .framed && inline ? SecurityHeaders.documentPolicy : SecurityHeaders.contentPolicy,
        ]
        headers[.crossOriginResourcePolicy] = "same-origin"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: content)))
    }
}
