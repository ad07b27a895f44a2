import ArgumentParser
import Foundation
import VaultAgent
import VaultCore

/// `cpsvault agent`: one card session kept open on an owner-only socket for later commands.
struct Agent: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Keep one card session open for later commands, until the card leaves or an idle timeout passes.",
        discussion: """
        `agent start` authenticates the card once and serves its session on a Unix socket that \
        only you can use. Commands given --agent SOCKET, or run with $CPSVAULT_AGENT set, then \
        run in that session without asking for the PIN. The PIN never reaches the socket.
        """,
        subcommands: [Start.self, Status.self, Stop.self])

    /// `cpsvault agent start`: authenticates, then serves in the foreground.
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Authenticate the card and serve its session until the card leaves, the idle timeout passes or `agent stop`.",
            discussion: """
            Runs in the foreground; put it in the background with & in a script. It prints the \
            socket as a line for the shell (CPSVAULT_AGENT=…; export CPSVAULT_AGENT;), or as JSON \
            with --json, once it listens. The socket is 0600 in a 0700 folder: \
            $XDG_RUNTIME_DIR/cpsvault/agent.sock, else /tmp/cpsvault-$UID/agent.sock. A folder \
            that another user owns or may enter is refused (exit 78), and so is a second agent \
            for the same card and vault, naming the first one's socket (exit 16). When it ends, \
            the session's keys are wiped, the socket removed, and it exits 0.

            Examples:
              cpsvault agent start --idle-timeout 1800
              cpsvault agent start --socket ~/.cpsvault.sock --pin-fd 3 --json 3<pin.txt &
            """)

        @OptionGroup var options: SessionOptions

        @Option(help: "The socket to serve on (default: $XDG_RUNTIME_DIR/cpsvault/agent.sock, else /tmp/cpsvault-$UID/agent.sock).")
        var socket: String?

        @Option(name: .customLong("idle-timeout"), help: "Seconds without a request after which the agent ends.")
        var idleTimeout: Int = 900

        func validate() throws {
            if options.agent != nil { throw ValidationError("--agent names an agent to use; give the new agent's socket with --socket") }
            if idleTimeout <= 0 { throw ValidationError("--idle-timeout must be a positive number of seconds") }
        }

        func run() throws {
            try ExitStatus.reporting {
                let path = URL(fileURLWithPath: socket ?? AgentSocketPlace.defaultPath()).standardizedFileURL.path
                // Refuse a bad place before the PIN is asked, so no try is spent for nothing.
                try AgentSocketPlace.prepare(path)
                let vault = try VaultLocation(options.vaultPath()).description
                try AgentRegistration.claim(reader: try options.card.readerName(), vault: vault, socket: path)
                let (session, reader) = try options.openSession(vault: vault)
                let server: AgentServer
                do {
                    server = try AgentServer(session: session, reader: reader, socketPath: path, idleTimeout: .seconds(idleTimeout),
                                             exitStatus: { ExitStatus(for: $0).rawValue })
                } catch {
                    session.end()
                    throw error
                }
                let started = server.status()
                try Output.emit(started, json: options.card.json) {
                    """
                    CPSVAULT_AGENT='\(path.replacingOccurrences(of: "'", with: "'\\''"))'; export CPSVAULT_AGENT;
                    # cpsvault agent \(started.processID): \(started.holder) (\(started.nationalID)) in \(reader); ends when the card leaves or after \(idleTimeout) s without a request.
                    """
                }
                fflush(nil)
                let ending = server.serve()
                FileHandle.standardError.write(Data("cpsvault agent: ended (\(ending.explanation)); the session's keys were wiped and \(path) removed.\n".utf8))
            }
        }
    }

    /// `cpsvault agent status`: who the agent serves and for how much longer.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the card holder, reader and idle time left of the running agent.",
            discussion: "Exits 16 when no agent answers.\n\nExample: cpsvault agent status --json")

        @Option(help: "The agent's socket (default: $CPSVAULT_AGENT, else the default socket).") var socket: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            try ExitStatus.reporting {
                let status = try AgentClient.control(socket: socket).status()
                try Output.emit(status, json: json) {
                    """
                    Agent:      process \(status.processID) at \(status.socket)
                    Holder:     \(status.holder) (\(status.nationalID))
                    Reader:     \(status.reader)
                    Vault:      \(status.vault)
                    Idle left:  \(status.idleSecondsLeft) s of \(status.idleTimeout) s
                    """
                }
            }
        }
    }

    /// `cpsvault agent stop`: ends the agent's session.
    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End the agent's session: its keys are wiped and its socket removed.",
            discussion: "Exits 16 when no agent answers.\n\nExample: cpsvault agent stop")

        @Option(help: "The agent's socket (default: $CPSVAULT_AGENT, else the default socket).") var socket: String?

        func run() throws {
            try ExitStatus.reporting {
                try AgentClient.control(socket: socket).stop()
                print("The cpsvault agent is stopping; its session's keys are wiped.")
            }
        }
    }
}
