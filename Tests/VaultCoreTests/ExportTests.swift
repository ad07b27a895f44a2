import CardStackTesting
import Foundation
import Testing
import VaultCore
import VaultCrypto

extension VaultTests {
    /// Restitution, statistical extract and aggregate exports through the card stack, opened
    /// with `openssl cms` as a recipient would.
    @Suite("Exports through the card stack")
    struct ExportTests {
        @Test("restitution: openssl decrypts and verifies the container; every record version comes back byte for byte")
        func restitutionRoundTrip() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let large = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let note = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Tension 12/8"))
            let corrected = try physician.care.addRecord(patient: patient, recordID: note.recordID, contentType: "text/plain",
                                                    from: fixture.file("Tension 13/8"))
            let scan = try physician.care.addRecord(patient: patient, contentType: "application/pdf", from: fixture.file(large))
            let empty = try physician.care.addRecord(patient: patient, contentType: "application/octet-stream", from: fixture.file(Data()))
            try physician.care.grant(patient: patient, to: "0756012345")
            // The recipient, physician-2, is one of the patient's designated professionals.
            try physician.care.grant(patient: patient, to: "810003456782")
            let destination = try ExportFixture.destination(fixture, "dossier.cms")
            var passes: Set<ExportPass> = []
            let summary = try physician.exports.exportRestitution(patient: patient, to: destination) { passes.insert($0.pass) }
            #expect(summary.items == 4 && passes == [.digest, .write])
            let mode = try FileManager.default.attributesOfItem(atPath: destination.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            let content = try ExportFixture.open(destination.path)
            #expect(Digest.sha256(content).hexString == summary.contentSHA256)
            let folder = try ExportFixture.untar(content, in: fixture)
            func file(_ path: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(path)) }
            #expect(try file("records/\(note.recordID)/1.txt") == Data("Tension 12/8".utf8))
            #expect(try file("records/\(corrected.recordID)/2.txt") == Data("Tension 13/8".utf8))
            #expect(try file("records/\(scan.recordID)/1.pdf") == large)
            #expect(try file("records/\(empty.recordID)/1.bin").isEmpty)
            let manifest = try #require(try JSONSerialization.jsonObject(with: file("manifest.json")) as? [String: Any])
            let records = try #require(manifest["records"] as? [[String: Any]])
            #expect(records.count == 4)
            #expect(records.contains { $0["sha256"] as? String == Digest.sha256(large).hexString })
            let access = String(decoding: try file("consent-and-access.json"), as: UTF8.self)
            #expect(access.contains("hostingConsent") && access.contains("signed form") && access.contains("0756012345"))
            #expect(String(decoding: try file("patient.json"), as: UTF8.self).contains("Durand"))
            // The host restitutes a live dossier only once the patient asked for it.
            try physician.care.recordPatientEvent(.restitutionRequest, patient: patient, statement: "lettre du patient")
            physician.end()

            let admin = try fixture.administratorSession()
            let byHost = try ExportFixture.destination(fixture, "by-host.cms")
            _ = try admin.exports.exportRestitution(patient: patient, to: byHost)
            let hostFolder = try ExportFixture.untar(try ExportFixture.open(byHost.path), in: fixture)
            #expect(try Data(contentsOf: hostFolder.appendingPathComponent("records/\(scan.recordID)/1.pdf")) == large)
            let audit = try admin.auditTrail.auditEntries(AuditQuery(patientID: patient)).filter { $0.action == "export.restitution" }
            #expect(audit.count == 2 && audit.allSatisfy { $0.outcome == "granted" })
        }

        @Test("restitution is refused to a professional the patient did not designate, and audited")
        func restitutionRefused() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            physician.end()
            let other = try fixture.session(.physician2)
            let destination = try ExportFixture.destination(fixture, "refused.cms")
            #expect(throws: VaultError.self) { try other.exports.exportRestitution(patient: patient, to: destination) }
            #expect(!FileManager.default.fileExists(atPath: destination.path))
            let refusals = try other.auditTrail.auditEntries(AuditQuery(patientID: patient)).filter { $0.outcome == "refused" }
            #expect(refusals.contains { $0.action == "export.restitution" })
        }


        @Test("study extract: no name, given name, street address or INS; one pseudonym per patient within a study, others across studies")
        func studyExtract() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            let second = PatientIdentity(familyName: "Martin", givenNames: "Hugo", birthDate: "1950-11-02", sex: "M",
                                         ins: "150117512345641", address: "5 avenue Foch, 69006 Lyon")
            var patients: [PatientID] = []
            for (identity, postal, city) in [(VaultFixture.identity, "75011", "Paris"), (second, "69006", "Lyon")] {
                let patient = try physician.care.createPatient(identity, hostingConsent: "signed form")
                patients.append(patient)
                for resource in [ExportFixture.patientResource(identity, postalCode: postal, city: city), ExportFixture.diabetes,
                                 ExportFixture.hba1c, ExportFixture.report] {
                    _ = try physician.care.addRecord(patient: patient, contentType: "application/fhir+json",
                                                from: fixture.file(try ExportFixture.fhir(resource)))
                }
                _ = try physician.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("Lettre à \(identity.givenNames)"))
            }
            func extract(_ study: String, _ name: String, format: StudyFormat = .csv) throws -> (String, ExportSummary) {
                let destination = try ExportFixture.destination(fixture, name)
                let summary = try physician.exports.exportStudy(patients: patients, study: StudyDefinition(json: ExportFixture.study(study)),
                                                        format: format, to: destination)
                return (String(decoding: try ExportFixture.open(destination.path), as: UTF8.self), summary)
            }
            let (csv, summary) = try extract("diabetes-2025", "study.csv.cms")
            for identifying in ["Durand", "Camille", "Martin", "Hugo", "rue des Lilas", "avenue Foch", "284037512345640",
                                "150117512345641", "1984-03-12", "Diabète"] {
                #expect(!csv.contains(identifying), "\(identifying) in the extract")
            }
            #expect(csv.contains("75011") && csv.contains("69006") && csv.contains("40-49") && csv.contains("70-79"))
            #expect(csv.contains("http://snomed.info/sct|44054006") && csv.contains("2019-05,") && csv.contains("7.2,%"))
            #expect(summary.leftOut == ["not FHIR JSON": 2, "resource type not in study: DiagnosticReport": 2])
            func pseudonyms(_ csv: String) -> [String] {
                csv.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) }
            }
            let first = pseudonyms(csv)
            #expect(Set(first).count == 2 && first.count == 6)
            let (again, _) = try extract("diabetes-2025", "again.cms", format: .jsonl)
            #expect(Set(first).allSatisfy { again.contains($0) })
            let (other, _) = try extract("asthma-2025", "other.cms")
            #expect(Set(pseudonyms(other)).count == 2 && Set(pseudonyms(other)).isDisjoint(with: Set(first)))
            #expect(throws: ExportError.self) {
                try StudyDefinition(json: Data(#"{"study": "x", "elements": ["Patient.name"]}"#.utf8))
            }
            physician.end()

            let nurse = try fixture.session(.nurse)
            #expect(throws: VaultError.self) {
                try nurse.exports.exportStudy(patients: patients, study: StudyDefinition(json: ExportFixture.study("diabetes-2025")),
                                      format: .csv, to: ExportFixture.destination(fixture, "nurse.cms"))
            }
        }

        @Test("study extract: free text inside codes, statuses, units and communes is left out, well-formed codes are kept")
        func freeTextLeftOut() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            defer { physician.end() }
            let patient = try physician.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
            let named = ExportFixture.patientResource(VaultFixture.identity, postalCode: "75011 Quentin", city: "Quentin Zanzibar")
            let condition: [String: Any] = [
                "resourceType": "Condition", "onsetDateTime": "Quentin 2019",
                "code": ["coding": [["system": "http://snomed.info/sct", "code": "44054006 Quentin Zanzibar"],
                                    ["system": "http://hl7.org/fhir/sid/icd-10", "code": "E11.9"]]]]
            let observation: [String: Any] = [
                "resourceType": "Observation", "status": "final Quentin",
                "code": ["coding": [["system": "http://loinc.org", "code": "4548-4"]]],
                "valueQuantity": ["value": 7.2, "unit": "% de Quentin"]]
            for resource in [named, condition, observation] {
                _ = try physician.care.addRecord(patient: patient, contentType: "application/fhir+json",
                                            from: fixture.file(try ExportFixture.fhir(resource)))
            }
            let study = Data(#"""
                {"study": "free-text", "elements": ["Patient.address.city", "Patient.address.postalCode", "Condition.code",
                 "Condition.onsetDateTime", "Observation.code", "Observation.status", "Observation.valueQuantity"]}
                """#.utf8)
            let destination = try ExportFixture.destination(fixture, "free-text.cms")
            _ = try physician.exports.exportStudy(patients: [patient], study: StudyDefinition(json: study), format: .csv, to: destination)
            let csv = String(decoding: try ExportFixture.open(destination.path), as: UTF8.self)
            #expect(!csv.contains("Quentin") && !csv.contains("Zanzibar"), "\(csv)")
            #expect(!csv.contains("44054006"))
            #expect(csv.contains("http://hl7.org/fhir/sid/icd-10|E11.9") && csv.contains("http://loinc.org|4548-4") && csv.contains("7.2"))
        }

        @Test("aggregate: cells under the threshold lose their count; a threshold under 11 is refused")
        func aggregateSuppression() throws {
            let fixture = try VaultFixture()
            let physician = try fixture.session(.physician1)
            var patients: [PatientID] = []
            let people = (0..<11).map { ("F", "198\($0 % 7)-0\($0 % 9 + 1)-1\($0 % 10)") } + [("M", "1950-04-13")]
            for (index, (sex, birth)) in people.enumerated() {
                let identity = PatientIdentity(familyName: "Nom\(index)", givenNames: "Prénom\(index)", birthDate: birth, sex: sex,
                                               ins: try INS.completing("\(sex == "F" ? 2 : 1)8401751\(23456 + index)").description, address: "\(index) rue Haute, 75001 Paris")
                patients.append(try physician.care.createPatient(identity, hostingConsent: "signed form"))
            }
            let destination = try ExportFixture.destination(fixture, "counts.cms")
            let study = try StudyDefinition(json: ExportFixture.study("counts"))
            #expect(throws: ExportError.thresholdTooLow(10, minimum: 11)) {
                try physician.exports.exportAggregate(patients: patients, study: study, threshold: 10, format: .csv, to: destination)
            }
            let summary = try physician.exports.exportAggregate(patients: patients, study: study, threshold: 11, format: .csv, to: destination)
            let csv = String(decoding: try ExportFixture.open(destination.path), as: UTF8.self)
            let rows = csv.split(separator: "\r\n").map(String.init)
            #expect(rows.first == "Patient.ageBand,Patient.gender,patients,suppressed")
            #expect(rows.contains("40-49,female,11,false"))
            #expect(rows.contains("70-79,male,,true"))
            #expect(summary.suppressedCells == 1 && summary.items == 2)
        }
    }
}
