import CardStackTesting
import Foundation

/// `cpsvault serve` started by a test: the launch address it printed, stopped with SIGTERM.
final class RunningServer: @unchecked Sendable {
    private let process = Process()
    private let errors = Pipe()
    /// The one-time launch address, `http://127.0.0.1:PORT/ouvrir?jeton=…`.
    let launchAddress: String
    /// `http://127.0.0.1:PORT`.
    let origin: String

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: try Command.product("cpsvault"))
        process.arguments = ["serve"] + arguments
        process.environment = Command.environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var said = ""
        while !said.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                throw TestStackError("cpsvault serve ended: \(String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self))")
            }
            said += String(decoding: chunk, as: UTF8.self)
        }
        guard let address = said.split(separator: "\n").first?.split(separator: " ").last.map(String.init),
              let port = URL(string: address)?.port else { throw TestStackError("cpsvault serve printed no address: \(said)") }
        launchAddress = address
        origin = "http://127.0.0.1:\(port)"
    }

    /// Stops the server (SIGTERM) and returns what it wrote to standard error.
    @discardableResult
    func stop() -> String {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
