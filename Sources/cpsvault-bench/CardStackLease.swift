import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The machine's one card stack (pcscd, vpcd readers, simulator), held for one figure: the
/// machine-wide lock taken, Scripts/cardstack started, and both given back by `release()`.
final class CardStackLease {
    static let lockPath = "/tmp/cpsvault-cardstack.lock"
    private let lock: Int32

    /// Waits for the lock, then starts the stack; throws if it cannot start.
    init() throws {
        lock = open(Self.lockPath, O_CREAT | O_RDWR, 0o666)
        guard lock >= 0 else { throw BenchError("cannot open \(Self.lockPath): \(String(cString: strerror(errno)))") }
        guard flock(lock, LOCK_EX) == 0 else {
            close(lock)
            throw BenchError("cannot lock \(Self.lockPath): \(String(cString: strerror(errno)))")
        }
        do {
            try PackageScript.run("cardstack", ["start"])
        } catch {
            _ = try? PackageScript.run("cardstack", ["stop"])
            close(lock)
            throw error
        }
    }

    /// Stops the stack and lets the next user of the machine have it.
    func release() {
        _ = try? PackageScript.run("cardstack", ["stop"])
        flock(lock, LOCK_UN)
        close(lock)
    }
}
