import Foundation
import Testing
import VaultCore

/// Patient, record, team and vault ids and certificate fingerprints: text becomes one only when
/// it is well formed, each kind with its own error, and each prints and encodes as before.
@Suite("Opaque identifiers")
struct IdentifierTests {
    /// Malformed text of every sort, for an identifier of `kind`.
    enum Malformed: String, CaseIterable, CustomTestStringConvertible {
        case empty, tooShort, tooLong, notHexadecimal, oddDigits, longGarbage

        func text(for kind: IdentifierKind) -> String {
            let digits = kind.byteCount * 2
            return switch self {
            case .empty: ""
            case .tooShort: String(repeating: "A", count: digits - 2)
            case .tooLong: String(repeating: "A", count: digits + 2)
            case .notHexadecimal: "ZZ" + String(repeating: "0", count: digits - 2)
            case .oddDigits: String(repeating: "0", count: digits - 1)
            case .longGarbage: String(repeating: "<script>", count: 500)
            }
        }

        var testDescription: String { rawValue }
    }

    /// Parses `text` as an identifier of `kind`, answering its printed form.
    static func parse(_ text: String, as kind: IdentifierKind) throws(VaultError) -> String {
        switch kind {
        case .patient: try PatientID(parsing: text).description
        case .record: try RecordID(parsing: text).description
        case .team: try TeamID(parsing: text).description
        case .vault: try VaultID(parsing: text).description
        case .certificateFingerprint: try CertificateFingerprint(parsing: text).description
        }
    }

    @Test("malformed text is refused with its kind's error, whose message does not repeat it",
          arguments: IdentifierKind.allCases, Malformed.allCases)
    func malformed(kind: IdentifierKind, input: Malformed) {
        let text = input.text(for: kind)
        #expect(throws: VaultError.malformedIdentifier(kind)) { try Self.parse(text, as: kind) }
        let message = VaultError.malformedIdentifier(kind).description
        #expect(message.contains("is not a \(kind.noun): \(kind.byteCount * 2) hexadecimal digits expected"), "\(message)")
        #expect(text.isEmpty || !message.contains(text))
    }

    @Test("each kind's error is its own", arguments: IdentifierKind.allCases)
    func distinctErrors(kind: IdentifierKind) {
        let others = IdentifierKind.allCases.filter { $0 != kind }
        #expect(others.allSatisfy { VaultError.malformedIdentifier($0) != .malformedIdentifier(kind) })
        #expect(Set(IdentifierKind.allCases.map { VaultError.malformedIdentifier($0).description }).count == IdentifierKind.allCases.count)
    }

    @Test("well-formed text in either case, with spaces or colons, prints as upper-case hexadecimal", arguments: [
        ("3f2a6c0e9b1d4a7f8e2c5b0a1d3f6e9c", "3F2A6C0E9B1D4A7F8E2C5B0A1D3F6E9C"),
        ("3F2A6C0E9B1D4A7F8E2C5B0A1D3F6E9C", "3F2A6C0E9B1D4A7F8E2C5B0A1D3F6E9C"),
        ("3F:2A:6C:0E:9B:1D:4A:7F:8E:2C:5B:0A:1D:3F:6E:9C", "3F2A6C0E9B1D4A7F8E2C5B0A1D3F6E9C"),
    ])
    func wellFormed(text: String, printed: String) throws {
        #expect(try Self.parse(text, as: .patient) == printed)
        #expect(try Self.parse(text, as: .record) == printed)
        #expect(throws: VaultError.malformedIdentifier(.certificateFingerprint)) { try Self.parse(text, as: .certificateFingerprint) }
        #expect(try Self.parse(text + text, as: .certificateFingerprint) == printed + printed)
    }

    @Test("JSON carries the printed form, and a malformed one does not decode")
    func json() throws {
        let patient = try PatientID(parsing: "3f2a6c0e9b1d4a7f8e2c5b0a1d3f6e9c")
        let encoded = try JSONEncoder().encode([patient])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["3F2A6C0E9B1D4A7F8E2C5B0A1D3F6E9C"]"#)
        #expect(try JSONDecoder().decode([PatientID].self, from: encoded) == [patient])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PatientID].self, from: Data(#"["3F2A"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RecordID].self, from: Data("[12]".utf8)) }
    }
}
