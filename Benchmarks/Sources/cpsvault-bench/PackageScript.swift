import Foundation

/// A script of the package's Scripts/ folder, run from the package root as Scripts/bench runs
/// the benchmark (Scripts/cardstack, Scripts/postgres).
enum PackageScript {
    /// Runs Scripts/`name` with `arguments` and `environment` added to this process's, and
    /// returns what it printed on standard output; throws if it fails.
    @discardableResult
    static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("Scripts/\(name)")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("Scripts/\(name) \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus); run cpsvault-bench from the package root")
        }
        return printed
    }
}
