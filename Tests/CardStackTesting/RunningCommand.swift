import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program a test started and left running, to kill at a moment of its choosing (crash tests).
public final class RunningCommand: @unchecked Sendable {
    private let process: Process
    private let errors: FileHandle
    private var errorOutput = Data()

    init(process: Process, errors: FileHandle) {
        self.process = process
        self.errors = errors
    }

    /// Waits until it writes something to standard error (or ends) and returns what it wrote.
    public func waitForErrorOutput() -> Data {
        let data = errors.availableData
        errorOutput.append(data)
        return data
    }

    /// Kills it with SIGKILL, as a crash or a pulled plug would, unless it has ended already.
    public func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for it to end: whether a signal ended it, its exit status otherwise, and all it
    /// wrote to standard error.
    public func wait() -> (killed: Bool, status: Int32, errorOutput: String) {
        errorOutput.append(errors.readDataToEndOfFile())
        process.waitUntilExit()
        return (process.terminationReason == .uncaughtSignal, process.terminationStatus, String(decoding: errorOutput, as: UTF8.self))
    }
}

extension Command {
    /// Starts `executable` with `input` on file descriptor 3 (as `--pin-fd 3` reads it) and
    /// returns at once; its standard output is discarded, its standard error kept.
    public static func start(_ executable: String, _ arguments: [String], inputOnDescriptor3 input: Data) throws -> RunningCommand {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `exec`: the pid is the program's own, so a kill reaches it and not a shell.
        process.arguments = ["-c", "exec 3<&0 0</dev/null \"$@\"", "sh", executable] + arguments
        let stdin = Pipe(), errors = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        return RunningCommand(process: process, errors: errors.fileHandleForReading)
    }
}
