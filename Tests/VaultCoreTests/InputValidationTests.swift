import Foundation
import Testing
@testable import VaultCore

/// What the vault accepts from outside: identities, INS, content types, study values.
@Suite("Input validation")
struct InputValidationTests {
    @Test("an INS is accepted only with its control key, Corsica's 2A and 2B counted as 19 and 18", arguments: [
        ("284037512345640", true), ("2 84 03 75 123 456 40", true), ("175027512345729", true),
        ("185022A12345682", true), ("185022b12345612", true),
        ("284037512345678", false), ("185022A12345612", false), ("185022B12345682", false),
        ("28403751234564", false), ("2840375123456400", false), ("1850A2212345682", false), ("185022A1234568X", false),
    ])
    func ins(text: String, valid: Bool) {
        #expect(((try? INS(text)) != nil) == valid, "\(text)")
    }

    @Test("completing 13 characters gives the INS with its key")
    func completing() throws {
        #expect(try INS.completing("2840375123456").description == "284037512345640")
        #expect(try INS.completing("185022A123456").description == "185022A12345682")
        #expect(throws: VaultError.self) { try INS.completing("28403751234") }
    }

    static let valid: [String: String] = ["familyName": "Durand", "givenNames": "Camille", "birthDate": "1984-03-12",
                                          "sex": "F", "ins": "284037512345640", "address": "12 rue des Lilas"]

    static func json(_ fields: [String: String]) -> Data {
        try! JSONSerialization.data(withJSONObject: fields, options: .sortedKeys)
    }

    @Test("a valid identity is read")
    func validIdentity() throws {
        let identity = try PatientIdentity(json: Self.json(Self.valid))
        #expect(identity.familyName == "Durand" && identity.ins == "284037512345640")
    }

    @Test("each malformed field is refused by name, never with decoder text", arguments: [
        ("birthDate", "not-a-date", "birthDate must be a date"),
        ("birthDate", "2021-02-30", "not a day of the calendar"),
        ("birthDate", "2999-01-01", "in the future"),
        ("sex", "Q", "sex must be F, M or U"),
        ("familyName", "", "familyName is empty"),
        ("givenNames", "   ", "givenNames is empty"),
        ("familyName", String(repeating: "x", count: 201), "longer than 200"),
        ("familyName", "Durand\nforged line", "control character"),
        ("givenNames", "Camille\u{1B}[2J", "control character"),
        ("ins", "284037512345678", "control key"),
        ("ins", "28403751234564A", "digits"),
    ])
    func malformedField(field: String, value: String, message: String) {
        var fields = Self.valid
        fields[field] = value
        let error = #expect(throws: VaultError.self) { try PatientIdentity(json: Self.json(fields)) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.contains("DecodingError") == false)
    }

    @Test("duplicate keys, unknown keys, missing keys, other types and oversized files are refused", arguments: [
        (#"{"familyName":"A","familyName":"B","givenNames":"C","birthDate":"1984-03-12","sex":"F","ins":"284037512345640","address":""}"#,
         "\"familyName\" appears twice"),
        (#"{"familyName":"A","givenName":"C","birthDate":"1984-03-12","sex":"F","ins":"284037512345640","address":""}"#,
         "did you mean \"givenNames\""),
        (#"{"familyName":"A","birthDate":"1984-03-12","sex":"F","ins":"284037512345640","address":""}"#, "givenNames is missing"),
        (#"{"familyName":"A","givenNames":7,"birthDate":"1984-03-12","sex":"F","ins":"284037512345640","address":""}"#,
         "givenNames must be a string"),
        (#"["Durand"]"#, "not a JSON object"),
        ("{" + String(repeating: " ", count: 20_000) + "}", "larger than"),
    ])
    func malformedJSON(text: String, message: String) {
        let error = #expect(throws: VaultError.self) { try PatientIdentity(json: Data(text.utf8)) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test("a key escaped differently is still the same key")
    func escapedDuplicate() {
        let text = #"{"sex":"F","s\u0065x":"M"}"#
        let error = #expect(throws: VaultError.self) { try PatientIdentity(json: Data(text.utf8)) }
        #expect(error?.description.contains("appears twice") == true)
    }

    @Test("content types are MIME types of bounded length", arguments: [
        ("text/plain", true), ("application/fhir+json", true), ("text/plain; charset=utf-8", true),
        ("application/vnd.example.v2+json;profile=\"a b\"", true),
        ("text/plain\n<forged line>", false), ("text/plain\u{1B}[2J", false), ("plain", false), ("text/", false),
        ("text/plain; charset", false), ("/plain", false), ("text/pl ain", false),
        ("text/" + String(repeating: "a", count: 251), false), ("", false),
    ])
    func contentType(text: String, valid: Bool) {
        #expect(((try? ContentType.validate(text)) != nil) == valid, "\(text)")
    }

    @Test("study values keep their system's syntax and drop free text", arguments: [
        ("http://snomed.info/sct", "44054006", true), ("http://snomed.info/sct", "44054006 Quentin Zanzibar", false),
        ("http://snomed.info/sct", "abc", false), ("http://loinc.org", "4548-4", true), ("http://loinc.org", "4548", false),
        ("http://loinc.org", "LA6576-8", true), ("http://hl7.org/fhir/sid/icd-10", "E11.9", true),
        ("http://hl7.org/fhir/sid/icd-10", "E11 Quentin", false), ("http://www.whocc.no/atc", "A10BA02", true),
        ("http://www.whocc.no/atc", "A10 BA02", false), ("not a system", "A10BA02", false),
    ])
    func coding(system: String, code: String, kept: Bool) {
        #expect((StudyValue.coding(system: system, code: code) != nil) == kept, "\(system)|\(code)")
    }

    @Test("a commune is kept as its INSEE or postal code only", arguments: [
        ("75111", true), ("2A004", true), ("44000", true), ("Nantes", false), ("Quentin Zanzibar", false), ("7511", false),
    ])
    func commune(value: String, kept: Bool) {
        #expect((StudyValue.commune(value) != nil) == kept)
    }

    @Test("age bands narrower than 5 years are refused")
    func narrowAgeBands() {
        let study = Data(#"{"study":"s","elements":["Patient.ageBand"],"ageBandYears":1}"#.utf8)
        let error = #expect(throws: ExportError.self) { try StudyDefinition(json: study) }
        #expect(error?.description.contains("\"ageBandYears\" must be 5 to 50") == true)
    }

    @Test("the closest known name is the one with the fewest edits")
    func closestName() {
        #expect(ClosestName.to("trustAnchor", among: ["trustAnchors", "intermediates", "crls", "vault"]) == "trustAnchors")
        #expect(ClosestName.to("VAULT", among: ["trustAnchors", "vault"]) == "vault")
    }
}
