import Foundation
import VaultCore
import VaultCrypto

/// A restitution export (L1111-8) of a one-gibibyte dossier: `VaultSession.exportRestitution`
/// (every record opened and authenticated, the tar archive hashed, signed by the card, then
/// produced again and encrypted as CMS EnvelopedData to a recipient certificate), against
/// `openssl cms -encrypt -aes256 -binary` of the same content bytes to the same certificate.
///
/// Both run as child processes under `/usr/bin/time`, which gives each one's wall time and
/// peak resident memory; the export runs in `cpsvault-bench --restitution-child`, with a
/// simulated card in that process.
struct RestitutionFigure: Figure {
    static let dossierSize = 1 << 30
    static let recordSize = 16 << 20
    static let recipient = "cards/physician-2/auth.crt.pem"
    static let peakMemory = "peak memory (MiB)"

    var name: String { "restitution" }
    var title: String { "restitution export of a 1 GiB dossier" }
    var baselineDescription: String? { "openssl cms -encrypt -aes256 -binary of the same bytes" }
    var requirements: [Requirement] { [.ratio(atLeast: 0.5), .secondaryAtMost(Self.peakMemory, 100)] }

    func measure(scale: Double) throws -> Outcome {
        let records = max(Int(Double(Self.dossierSize) * scale) / Self.recordSize, 1)
        let fixture = try BenchVault(patients: 1)
        defer { fixture.remove() }
        let plain = fixture.folder.appendingPathComponent("dossier.bin")
        FileManager.default.createFile(atPath: plain.path, contents: nil)
        let plainFile = try FileHandle(forWritingTo: plain)
        var piece = [UInt8](repeating: 0, count: RecordHeader.segmentSize)
        for record in 0..<records {
            var produced = 0
            _ = try fixture.physician.care.addRecord(patient: fixture.patients[0], contentType: "application/pdf") { wanted in
                guard produced < Self.recordSize else { return Data() }
                let count = min(wanted, piece.count, Self.recordSize - produced)
                for index in stride(from: 0, to: count, by: 8) { piece[index] = UInt8(truncatingIfNeeded: record &+ produced &+ index) }
                produced += count
                let data = Data(piece[..<count])
                try plainFile.write(contentsOf: data)
                return data
            }
        }
        try plainFile.close()
        fixture.physician.end()
        try Data(fixture.patients[0].description.utf8).write(to: fixture.folder.appendingPathComponent("patient.txt"))

        let certificate = BenchCards.file(Self.recipient)
        let product = try Self.timed(CommandLine.arguments[0], ["--restitution-child", fixture.folder.path])
        let baseline = try Self.timed("/usr/bin/openssl", [
            "cms", "-encrypt", "-aes256", "-binary", "-in", plain.path,
            "-out", fixture.folder.appendingPathComponent("baseline.cms").path, "-outform", "DER", certificate])
        let mebibytes = Double(records * Self.recordSize) / 1_048_576
        return Outcome(
            measured: .throughput(mebibytes / product.seconds, "MiB/s"),
            baseline: .throughput(mebibytes / baseline.seconds, "MiB/s"),
            secondary: [Self.peakMemory: (.cost(product.peakMiB, "MiB"), .cost(baseline.peakMiB, "MiB"))],
            notes: ["\(records) records of \(Self.recordSize >> 20) MiB; product \(product.seconds.formatted(digits: 1)) s, peak \(product.peakMiB.formatted(digits: 0)) MiB; openssl \(baseline.seconds.formatted(digits: 1)) s, peak \(baseline.peakMiB.formatted(digits: 0)) MiB"])
    }

    /// Runs `executable` under `/usr/bin/time`; its wall time in seconds and peak resident memory.
    static func timed(_ executable: String, _ arguments: [String]) throws -> (seconds: Double, peakMiB: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "cpsvault-bench-time %e %M", executable] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let line = output.split(separator: "\n").last(where: { $0.hasPrefix("cpsvault-bench-time ") }) else {
            throw BenchError("\(executable) failed (status \(process.terminationStatus)): \(output.suffix(500))")
        }
        let fields = line.split(separator: " ")
        guard fields.count == 3, let seconds = Double(fields[1]), let kibibytes = Double(fields[2]) else {
            throw BenchError("unexpected /usr/bin/time output: \(line)")
        }
        return (seconds, kibibytes / 1024)
    }

    /// The export itself, in the child process: physician-1 (who created the patient) exports
    /// the dossier of the patient named in `folder`/patient.txt to the recipient certificate.
    static func exportInChild(folder: URL) throws {
        let patient = try PatientID(parsing: String(decoding: Data(contentsOf: folder.appendingPathComponent("patient.txt")), as: UTF8.self))
        let vault = try VaultLocation.file(path: folder.appendingPathComponent("vault.sqlite").path).open(trust: BenchCards.trust())
        let session = try VaultSession.open(vault, card: BenchCards.inProcess("physician-1"))
        defer { session.end() }
        let recipient = try X509Certificate.loadPEMFile(BenchCards.file(recipient))[0]
        _ = try session.exports.exportRestitution(
            patient: patient, to: ExportDestination(recipients: [recipient], path: folder.appendingPathComponent("dossier.cms").path),
            namedRecipients: [recipient])
    }
}
