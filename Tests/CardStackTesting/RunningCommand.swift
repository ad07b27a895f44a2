import Foundation

/// A program a test starts and keeps an eye on while it runs: its standard error read line by
/// line as it comes, so that a test can act at a given point of its progress (kill it, work
/// beside it), then wait for it.
public final class RunningCommand: @unchecked Sendable {
    private let process = Process()
    private let errors = Pipe()
    private let output = Pipe()
    private var buffered = Data()

    private var standardInput: FileHandle?

    /// Starts `executable` with `input` on file descriptor 3 (as `--pin-fd 3` reads it). With
    /// `feedingStandardInput`, `input` must be one line (the PIN), and standard input stays open
    /// for `feed(_:)` until `closeStandardInput()`.
    public init(_ executable: String, _ arguments: [String], inputOnDescriptor3 input: Data,
                feedingStandardInput: Bool = false) throws {
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // The first line goes to descriptor 3 through a here-string, never through argv or the
        // environment; the rest of the pipe is the program's standard input.
        process.arguments = ["-c", feedingStandardInput
                                ? "IFS= read -r line; exec 3<<<\"$line\"; unset line; exec \"$@\""
                                : "exec 3<&0 0</dev/null \"$@\"",
                             "sh", executable] + arguments
        process.environment = Command.environment
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardError = errors
        process.standardOutput = output
        if feedingStandardInput { signal(SIGPIPE, SIG_IGN) }
        try process.run()
        stdin.fileHandleForWriting.write(input)
        if feedingStandardInput {
            standardInput = stdin.fileHandleForWriting
        } else {
            try stdin.fileHandleForWriting.close()
        }
    }

    /// Writes `data` to the program's standard input, waiting while the pipe is full (until the
    /// program has read all but the pipe's buffer); false once the program no longer reads it.
    @discardableResult
    public func feed(_ data: Data) -> Bool {
        guard let descriptor = standardInput?.fileDescriptor else { return false }
        return data.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let count = write(descriptor, raw.baseAddress! + written, raw.count - written)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                written += count
            }
            return true
        }
    }

    /// Closes the program's standard input: the end of what it reads.
    public func closeStandardInput() {
        try? standardInput?.close()
        standardInput = nil
    }

    /// The next line the program writes to standard error, or nil once it has closed it.
    public func nextErrorLine() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                buffered.removeSubrange(buffered.startIndex...newline)
                return line
            }
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty {
                guard !buffered.isEmpty else { return nil }
                defer { buffered.removeAll() }
                return String(decoding: buffered, as: UTF8.self)
            }
            buffered.append(chunk)
        }
    }

    /// Kills the program with SIGKILL, as a crash or a power cut would stop it, unless it has
    /// ended already, and reaps it.
    public func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        closeStandardInput()
    }

    /// Waits for the program to end; returns its exit status (or the signal that ended it),
    /// whether a signal ended it, and what it wrote to standard output and, unread, to standard error.
    public func wait() -> (status: Int32, killed: Bool, output: String, errorOutput: String) {
        closeStandardInput()
        var errorLines: [String] = []
        while let line = nextErrorLine() { errorLines.append(line) }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, String(decoding: data, as: UTF8.self),
                errorLines.joined(separator: "\n"))
    }
}
