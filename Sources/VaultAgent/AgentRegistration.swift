import Foundation
import VaultCrypto
#if canImport(Glibc)
import Glibc
#endif

/// The claim a running agent holds on its card's reader and its vault, so that a second agent
/// for the same card and vault is refused, naming the socket of the first, whatever sockets
/// they were given: a lock file per reader and vault in the user's agent folder (the default
/// socket's), holding its socket's path and locked until the agent process ends (its descriptor
/// is never closed, so the kernel releases the lock however the process ends).
public enum AgentRegistration {
    /// Claims `reader` and `vault` for the agent that will serve at `socket`; throws
    /// `AgentError.alreadyServing` when another agent holds them.
    public static func claim(reader: String, vault: String, socket: String) throws(AgentError) {
        let folder = (AgentSocketPlace.defaultPath() as NSString).deletingLastPathComponent
        try AgentSocketPlace.prepareFolder(folder)
        let name = Digest.sha256(Array("\(reader)\n\(vault)".utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        let path = "\(folder)/agent-\(name).lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .system(call: "open \(path)", errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).readDataToEndOfFile()
            throw .alreadyServing(socket: String(decoding: holder, as: UTF8.self), reader: reader)
        }
        _ = ftruncate(descriptor, 0)
        _ = Data(socket.utf8).withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }
}
