import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program a test started and left running, to kill at a moment of its choosing (crash tests).
public final class RunningCommand: @unchecked Sendable {
    private let process: Process
    /// Where its standard error goes, read once it has ended.
    private let errorFile: URL

    init(process: Process, errorFile: URL) {
        self.process = process
        self.errorFile = errorFile
    }

    /// Kills it with SIGKILL, as a crash or a pulled plug would, unless it has ended already.
    public func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for it to end: whether a signal ended it, its exit status otherwise, and what it
    /// wrote to standard error.
    public func wait() -> (killed: Bool, status: Int32, errorOutput: String) {
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errorFile)
        return (process.terminationReason == .uncaughtSignal, process.terminationStatus, errors)
    }
}

extension Command {
    /// Starts `executable` with `input` on file descriptor 3 (as `--pin-fd 3` reads it) and
    /// returns at once; its standard output is discarded.
    public static func start(_ executable: String, _ arguments: [String], inputOnDescriptor3 input: Data) throws -> RunningCommand {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `exec`: the pid is the program's own, so a kill reaches it and not a shell.
        process.arguments = ["-c", "exec 3<&0 0</dev/null \"$@\"", "sh", executable] + arguments
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        return RunningCommand(process: process, errorFile: errorFile)
    }
}
