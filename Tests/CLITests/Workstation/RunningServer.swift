import CardStackTesting
import Foundation

/// `cpsvault serve` started by a test: the launch address it printed, stopped with SIGTERM.
/// Waiting on it is bounded: a server that does not start or stop fails the test, never hangs it.
final class RunningServer: @unchecked Sendable {
    private let process = Process()
    private let errors = Pipe()
    private let ended = DispatchSemaphore(value: 0)
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
        process.terminationHandler = { [ended] _ in ended.signal() }
        try process.run()
        let said: String
        do {
            said = try output.fileHandleForReading.readText(until: "\n", within: .seconds(60))
        } catch {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestStackError("cpsvault serve printed no address: \(error) "
                                 + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        guard let address = said.split(separator: "\n").first?.split(separator: " ").last.map(String.init),
              let port = URL(string: address)?.port else { throw TestStackError("cpsvault serve printed no address: \(said)") }
        launchAddress = address
        origin = "http://127.0.0.1:\(port)"
    }

    /// Stops the server (SIGTERM, which ends its card session) and returns what it wrote to
    /// standard error; a server still running after `limit` is killed and that is said too.
    @discardableResult
    func stop(within limit: Duration = .seconds(30)) -> String {
        if process.isRunning {
            process.terminate()
            if ended.wait(timeout: .now() + .seconds(Int(limit.components.seconds))) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return "cpsvault serve did not stop on SIGTERM within \(limit)"
            }
        }
        process.waitUntilExit()
        return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
