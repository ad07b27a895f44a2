import Foundation

/// The baseline of the card-session figure: OpenSC's `pkcs11-tool --login --sign` with the
/// authentication key, a separate process as a PKCS#11 client would run it, on the same card in
/// the same reader. The PIN is the test cards' published 1234, as in the OpenSC interop tests.
struct OpenSCSign {
    static let module = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
    /// The PKCS#15 id of the CPS3 authentication key.
    static let authenticationKeyID = "E828BD080F8025000001FF001002"

    let folder: URL

    /// Prepares the OpenSC configuration (enough virtual slots for every reader) and the DigestInfo to sign.
    init(folder: URL) throws {
        self.folder = folder
        try Data("app default { pkcs11 { max_virtual_slots = 64; } }\n".utf8).write(to: folder.appendingPathComponent("opensc.conf"))
        try Data(repeating: 0x30, count: 51).write(to: folder.appendingPathComponent("digestinfo"))
    }

    /// Logs in and signs once on the card in `reader`; throws with OpenSC's words if it fails.
    func sign(reader: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pkcs11-tool")
        process.arguments = [
            "--module", Self.module, "--slot-description", reader, "--login", "--pin", "1234",
            "--sign", "-m", "RSA-PKCS", "--id", Self.authenticationKeyID,
            "-i", folder.appendingPathComponent("digestinfo").path, "-o", folder.appendingPathComponent("signature").path,
        ]
        process.environment = ["OPENSC_CONF": folder.appendingPathComponent("opensc.conf").path, "PATH": "/usr/bin:/bin"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("pkcs11-tool failed (\(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
    }
}
