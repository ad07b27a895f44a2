import CardStackTesting
import Foundation
import Testing

extension SimulatorProcessSlot.FaultTests {
    /// `cpsvault admin rotate`, `admin rekey` and `export restitution` killed with SIGKILL after a
    /// random number of their JSON progress lines, then run again.
    @Suite("Rotation, rekey and export killed")
    struct RotationExportKillTests {
        /// The `event: progress` lines and export progress lines (both carry `done` or `pass`).
        static func isProgress(_ line: String) -> Bool {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return false }
            return object["event"] as? String == "progress" || object["pass"] != nil
        }

        /// Starts `command` and kills it after `reports` progress lines (or when it ends first).
        static func kill(_ vault: FaultVault, _ card: TestCard, _ command: [String], after reports: Int) throws {
            let running = try vault.start(card, command)
            var left = reports
            while left > 0, let line = running.nextErrorLine() {
                if isProgress(line) { left -= 1 }
            }
            running.kill()
        }

        /// Patients with a few records each, by patient: record id to content.
        static func patients(_ count: Int, records: Int, size: Int, in vault: FaultVault) throws -> [String: [String: Data]] {
            var made: [String: [String: Data]] = [:]
            for number in 0..<count {
                let patient = try vault.createPatient(number + 10)
                var contents: [String: Data] = [:]
                for index in 0..<records {
                    let content = FaultVault.content(size + index, seed: UInt8(number * 16 + index))
                    contents[try vault.addRecord(patient, content)] = content
                }
                made[patient] = contents
            }
            return made
        }

        @Test("rotation killed at random points then run again: every record opens, every patient key is on the new version, the audit verifies")
        func killDuringRotation() throws {
            let vault = try FaultVault()
            let made = try Self.patients(3, records: 1, size: 3000, in: vault)
            var generator = SystemRandomNumberGenerator()
            let rotate = ["admin", "rotate"]
            for _ in 0..<SimulatorProcessSlot.FaultTests.trials(3) {
                try Self.kill(vault, .admin1, rotate, after: Int.random(in: 0...2, using: &generator))
            }
            try vault.require(vault.run(.admin1, rotate), "the rotation run again")
            let status = try vault.object(vault.require(vault.run(.admin1, ["admin", "status"])))
            let versions = try #require(status["keyVersions"] as? [[String: Any]])
            let holding = versions.filter { ($0["patientKeys"] as? Int ?? 0) > 0 }
            #expect(holding.count == 1, "\(versions)")
            #expect(holding.first?["patientKeys"] as? Int == made.count)
            for (patient, records) in made { try vault.expectIntact(patient, records) }
        }

        @Test("rekey killed at random points then run again: every record opens byte-equal under the new key, the audit verifies")
        func killDuringRekey() throws {
            let vault = try FaultVault()
            let made = try Self.patients(1, records: 4, size: 300 * 1024, in: vault)
            let (patient, records) = try #require(made.first)
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<SimulatorProcessSlot.FaultTests.trials(3) {
                try Self.kill(vault, .admin1, ["admin", "rekey", patient], after: Int.random(in: 0...records.count, using: &generator))
            }
            try vault.require(vault.run(.admin1, ["admin", "rekey", patient]), "the rekey run again")
            try vault.expectIntact(patient, records)
        }

        @Test("export killed at random points: no file under the final name, no stale partial file after a rerun, which succeeds")
        func killDuringExport() throws {
            let vault = try FaultVault()
            let made = try Self.patients(1, records: 6, size: 700 * 1024, in: vault)
            let (patient, records) = try #require(made.first)
            let output = vault.folder.appendingPathComponent("exports/dossier.cms")
            try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            let export = ["export", "restitution", patient, "--to", TestCard.physician2.authenticationCertificate.path, "--output", output.path]
            // The host restitutes a live dossier on the patient's request, to a professional they designated.
            try vault.require(vault.run(.admin1, ["professional", "enrol", "--certificate", TestCard.physician2.authenticationCertificate.path]))
            try vault.require(vault.run(.physician1, ["grant", "add", patient, "--to", "810003456782"]))
            try vault.require(vault.run(.physician1, ["patient", "event", patient, "--restitution-request", "--statement", "lettre"]))

            var generator = SystemRandomNumberGenerator()
            for _ in 0..<SimulatorProcessSlot.FaultTests.trials(3) {
                // Two passes of one line per record: killed while hashing, while writing, or before either.
                try Self.kill(vault, .admin1, export, after: Int.random(in: 0...(2 * records.count - 1), using: &generator))
                #expect(!FileManager.default.fileExists(atPath: output.path))
            }
            let summary = try vault.object(vault.require(vault.run(.admin1, export), "the export run again"))
            #expect(summary["items"] as? Int ?? 0 >= records.count)
            #expect(FileManager.default.fileExists(atPath: output.path))
            let left = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            #expect(left == ["dossier.cms"], "partial files of killed exports are swept: \(left)")
            try vault.expectIntact(patient, records)
        }
    }
}
