import CardStackTesting
import Foundation
import Testing
import VaultCore
import VaultCrypto

/// What the export tests share: the recipient (physician-2's certificate and key, as an outside
/// party holding one), the test trust anchors, and `openssl cms` opening a container.
enum ExportFixture {
    static let recipient = TestCard.physician2
    static var recipientKey: String { recipient.folder.appendingPathComponent("auth.key.pem").path }

    static func destination(_ fixture: VaultFixture, _ name: String) throws -> ExportDestination {
        ExportDestination(recipients: try X509Certificate.loadPEMFile(recipient.authenticationCertificate.path),
                          intermediates: try X509Certificate.loadPEMFile(TestPKI.file("intermediate.crt.pem")),
                          path: fixture.folder.appendingPathComponent(name).path)
    }

    /// Decrypts with `openssl cms -decrypt` as the recipient, then verifies the signature with
    /// `openssl cms -verify` against the test root alone; returns the signed content.
    static func open(_ path: String) throws -> Data {
        let signed = path + ".signed", content = path + ".content"
        let decrypted = try Command.run("/usr/bin/openssl", ["cms", "-decrypt", "-inform", "DER", "-in", path, "-out", signed,
                                                             "-inkey", recipientKey, "-recip", recipient.authenticationCertificate.path])
        try #require(decrypted.status == 0, "\(decrypted.errorOutput)")
        let verified = try Command.run("/usr/bin/openssl", ["cms", "-verify", "-inform", "DER", "-in", signed, "-out", content,
                                                            "-CAfile", TestPKI.file("root.crt.pem")])
        try #require(verified.status == 0, "\(verified.errorOutput)")
        #expect(verified.errorOutput.contains("Verification successful"))
        return try Data(contentsOf: URL(fileURLWithPath: content))
    }

    /// Unpacks a tar archive with the system's tar into a new folder.
    static func untar(_ archive: Data, in fixture: VaultFixture) throws -> URL {
        let folder = fixture.folder.appendingPathComponent("untar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("archive.tar")
        try archive.write(to: file)
        let result = try Command.run("/usr/bin/tar", ["-xf", file.path, "-C", folder.path])
        try #require(result.status == 0, "\(result.errorOutput)")
        return folder
    }

    /// A FHIR resource as JSON text.
    static func fhir(_ resource: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: resource, options: [.sortedKeys])
    }

    static func patientResource(_ identity: PatientIdentity, postalCode: String, city: String) -> [String: Any] {
        ["resourceType": "Patient",
         "identifier": [["system": "urn:oid:1.2.250.1.213.1.4.8", "value": identity.ins]],
         "name": [["family": identity.familyName, "given": [identity.givenNames]]],
         "gender": identity.sex == "F" ? "female" : "male", "birthDate": identity.birthDate,
         "address": [["use": "home", "line": [identity.address.components(separatedBy: ",")[0]],
                      "postalCode": postalCode, "city": city]]]
    }

    static var diabetes: [String: Any] { [
        "resourceType": "Condition",
        "code": ["coding": [["system": "http://snomed.info/sct", "code": "44054006"]], "text": "Diabète de Camille"],
        "onsetDateTime": "2019-05-17T10:00:00+02:00"] }

    static var hba1c: [String: Any] { [
        "resourceType": "Observation", "status": "final",
        "code": ["coding": [["system": "http://loinc.org", "code": "4548-4"]]],
        "valueQuantity": ["value": 7.2, "unit": "%", "system": "http://unitsofmeasure.org", "code": "%"],
        "effectiveDateTime": "2024-02-03"] }

    static var report: [String: Any] { ["resourceType": "DiagnosticReport", "status": "final"] }

    static func study(_ id: String, extra: String = "") -> Data {
        Data("""
        {"study": "\(id)", "elements": ["Patient.gender", "Patient.ageBand", "Patient.address.postalCode", "Condition.code",
         "Condition.onsetDateTime", "Observation.code", "Observation.valueQuantity"],
         "groupBy": ["Patient.ageBand", "Patient.gender"], "dates": "month"\(extra)}
        """.utf8)
    }
}
