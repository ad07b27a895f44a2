import Foundation
import VaultCore

/// Where the agent's socket lives: `--socket`, else `$XDG_RUNTIME_DIR/cpsvault/agent.sock`,
/// else `/tmp/cpsvault-$UID/agent.sock`, in a folder only its owner can enter.
public enum AgentSocketPlace {
    public static func defaultPath() -> String {
        if let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return "\(runtime)/cpsvault/agent.sock"
        }
        return "/tmp/cpsvault-\(AgentFileSystem.userID)/agent.sock"
    }

    /// Makes the socket's folder owner-only if it is missing, refuses one that someone else owns or
    /// that others may enter, refuses to replace a socket an agent answers on, and removes a stale one.
    public static func prepare(_ path: String) throws(AgentError) {
        let folder = (path as NSString).deletingLastPathComponent
        try prepareFolder(folder)
        guard let existing = try AgentFileSystem.status(of: path) else { return }
        guard existing.isSocket else { throw .unsafeFolder(path: folder, reason: "\(path) exists and is not a socket") }
        if (try? AgentSocket.connect(to: path)) != nil { throw .alreadyRunning(path: path) }
        AgentFileSystem.remove(path)
    }

    /// Makes `folder` owner-only if it is missing; refuses one that someone else owns or that
    /// others may enter.
    public static func prepareFolder(_ folder: String) throws(AgentError) {
        if try AgentFileSystem.status(of: folder) == nil { try AgentFileSystem.makeFolder(folder) }
        guard let info = try AgentFileSystem.status(of: folder) else {
            throw .unsafeFolder(path: folder, reason: "it could not be made")
        }
        guard info.isDirectory else { throw .unsafeFolder(path: folder, reason: "it is not a folder (or is a symbolic link)") }
        guard info.owner == AgentFileSystem.userID else {
            throw .unsafeFolder(path: folder, reason: "it belongs to user \(info.owner), not to you")
        }
        guard info.mode & 0o077 == 0 else {
            throw .unsafeFolder(path: folder, reason: "its mode \(String(info.mode, radix: 8)) lets other users in; it must be 700")
        }
    }

    /// Whether two places name the same vault (so `./vault.sqlite` and its full path match).
    static func sameFile(_ first: String, _ second: String) -> Bool {
        (try? VaultLocation(first).description) == (try? VaultLocation(second).description)
    }
}
