import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body. The PIN form is read apart
/// (`PINForm`), so that the PIN never becomes a `String`.
struct FormFields: Sendable {
    private let fields: [String: String]

    /// The largest form body accepted, in bytes.
    static let limit = 64 * 1024

    init(_ body: ByteBuffer) {
        fields = Self.pairs(Array(body.readableBytesView)).reduce(into: [:]) { fields, pair in
            fields[Self.decoded(pair.name)] = Self.decoded(pair.value)
        }
    }

    /// Reads the body of `request` (at most `limit` bytes).
    static func read(_ request: Request) async throws -> FormFields {
        var request = request
        do {
            return FormFields(try await request.collectBody(upTo: limit))
        } catch {
            throw WebError.tooLarge(limit: limit)
        }
    }

    subscript(name: String) -> String? { fields[name] }

    /// Whether the button pressed takes back what its twin gives (`geste=retirer`: revoke,
    /// withdraw) rather than giving it.
    var takesBack: Bool { fields["geste"] == "retirer" }

    /// The field `name`, trimmed, or `badForm` naming `label` when it is missing or empty.
    func required(_ name: String, _ label: String) throws(WebError) -> String {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw .badForm(label)
        }
        return value
    }

    /// The raw name and value bytes of each `name=value` pair.
    static func pairs(_ bytes: [UInt8]) -> [(name: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] {
        bytes.split(separator: UInt8(ascii: "&")).map { pair in
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            return (parts[0], parts.count > 1 ? parts[1] : [])
        }
    }

    private static func decoded(_ bytes: ArraySlice<UInt8>) -> String {
        let plus = String(decoding: bytes.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        return plus.removingPercentEncoding ?? ""
    }
}
