import Foundation

/// A program run to completion by a test, with what it printed and its exit status.
public struct CommandResult: Sendable {
    public var status: Int32
    public var output: String
    public var errorOutput: String
    public var outputData: Data
}

/// Runs programs from tests: the project's own executables and independent tools like OpenSC's.
public enum Command {
    /// The folder holding the built executables (`cpsvault`, `cps-card-sim`), beside the test bundle.
    public static let productsFolder: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("cpsvault").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// The path of a built executable of this package.
    public static func product(_ name: String) throws -> String {
        let path = productsFolder.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestStackError("\(name) is not built: run `swift build` before the tests (Scripts/test does).")
        }
        return path
    }

    /// Runs `executable` (a path, or a name looked up in PATH) and waits for it to finish.
    /// `input` goes to its standard input, or to file descriptor 3 with `inputOnDescriptor3`
    /// (as a script's `--pin-fd 3` reads it), in which case `standardInput` feeds standard input.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           input: Data = Data(), inputOnDescriptor3: Bool = false,
                           standardInput: Data? = nil) throws -> CommandResult {
        let process = Process()
        let command = [executable] + arguments
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        var redirection = ""
        var standardInputFolder: URL?
        if inputOnDescriptor3 {
            redirection = "3<&0 0</dev/null"
            if let standardInput {
                let folder = try PrivateTemporaryFolder.make(prefix: "stdin")
                standardInputFolder = folder
                let file = folder.appendingPathComponent("input")
                try standardInput.write(to: file)
                redirection = "3<&0 0<'\(file.path)'"
            }
        }
        defer { standardInputFolder.map { try? FileManager.default.removeItem(at: $0) } }
        process.arguments = ["-c", "exec \(redirection) \"$@\"", "sh"] + command
        process.environment = Self.environment.merging(environment) { $1 }
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let errorReader = Thread.detachedResult { errors.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errorReader.value()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             output: String(decoding: outputData, as: UTF8.self),
                             errorOutput: String(decoding: errorData, as: UTF8.self),
                             outputData: outputData)
    }
}

extension Thread {
    /// Runs `body` on a new thread; `value()` waits for its result.
    fileprivate static func detachedResult<T: Sendable>(_ body: @escaping @Sendable () -> T) -> PendingResult<T> {
        let pending = PendingResult<T>()
        Thread { pending.set(body()) }.start()
        return pending
    }
}

/// A value another thread is computing.
private final class PendingResult<T: Sendable>: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private var result: T?

    func set(_ value: T) {
        result = value
        ready.signal()
    }

    func value() -> T {
        ready.wait()
        return result!
    }
}

extension Command {
    /// The environment commands run in: this process's, with the workstation's state (what
    /// `cpsvault` keeps of each vault's audit log) and data (the CRLs `trust refresh` installs)
    /// in folders of the test run's own, so that tests never read or write the user's home.
    public static let environment: [String: String] = {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("cpsvault-test-\(UUID().uuidString)")
        return ProcessInfo.processInfo.environment.merging(
            ["XDG_STATE_HOME": run.appendingPathComponent("state").path,
             "XDG_DATA_HOME": run.appendingPathComponent("data").path]) { $1 }
    }()
}
