import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Unix stream socket of the cpsvault agent. This file is the one place where the agent touches
/// the C API (sockets, poll, pipes, stat, signals); nothing above it sees a descriptor's pointer
/// or a C structure. Sends never raise SIGPIPE; a closed peer is an error.
final class AgentSocket {
    let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Connects to the socket at `path`.
    static func connect(to path: String) throws(AgentError) -> AgentSocket {
        let socket = try stream()
        var address = try socketAddress(path)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket.descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw .noAgent(path: path, reason: AgentFileSystem.explain(errno)) }
        return socket
    }

    /// Listens at `path`, created owner-only (0600) whatever the umask.
    static func listen(at path: String) throws(AgentError) -> AgentSocket {
        let socket = try stream()
        var address = try socketAddress(path)
        let previousMask = umask(0o177)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket.descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        umask(previousMask)
        guard bound == 0 else { throw .system(call: "bind \(path)", errno: errno) }
        guard chmod(path, 0o600) == 0 else { throw .system(call: "chmod \(path)", errno: errno) }
        guard Glibc.listen(socket.descriptor, 16) == 0 else { throw .system(call: "listen", errno: errno) }
        return socket
    }

    /// The next connection; call once `poll` says one is waiting.
    func accept() throws(AgentError) -> AgentSocket {
        while true {
            let connection = Glibc.accept(descriptor, nil, nil)
            if connection >= 0 {
                _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                return AgentSocket(descriptor: connection)
            }
            if errno != EINTR { throw .system(call: "accept", errno: errno) }
        }
    }

    /// The user id of the process at the other end, as the kernel saw it connect (SO_PEERCRED).
    func peerUserID() throws(AgentError) -> uid_t {
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else {
            throw .system(call: "getsockopt SO_PEERCRED", errno: errno)
        }
        return credentials.uid
    }

    /// Gives up on a receive that waits longer than `seconds`; nil waits for ever.
    func setReceiveTimeout(seconds: Int?) {
        var time = timeval(tv_sec: seconds ?? 0, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends all of `data`.
    func send(_ data: Data) throws(AgentError) {
        var sent = 0
        while sent < data.count {
            let result = data.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + sent, data.count - sent, Int32(MSG_NOSIGNAL)) }
            if result < 0 {
                if errno == EINTR { continue }
                throw .connectionLost(AgentFileSystem.explain(errno))
            }
            sent += result
        }
    }

    /// Receives exactly `count` bytes, or nil when the peer closed before the first of them.
    func receive(exactly count: Int) throws(AgentError) -> Data? {
        var data = Data(count: count)
        var received = 0
        while received < count {
            let result = data.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress! + received, count - received, 0) }
            if result < 0 {
                if errno == EINTR { continue }
                throw .connectionLost(errno == EAGAIN ? "no request within the time allowed" : AgentFileSystem.explain(errno))
            }
            if result == 0 {
                if received == 0 { return nil }
                throw .connectionLost("the other end closed the connection in the middle of a message")
            }
            received += result
        }
        return data
    }

    /// Waits until `self` has a connection waiting or `wake` was woken, for at most
    /// `milliseconds`; returns which are ready.
    func waitForConnection(orWake wake: WakePipe, milliseconds: Int32) -> (connection: Bool, wake: Bool) {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0)]
        guard poll(&descriptors, 2, milliseconds) > 0 else { return (false, false) }
        return (descriptors[0].revents != 0, descriptors[1].revents != 0)
    }

    private static func stream() throws(AgentError) -> AgentSocket {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .system(call: "socket", errno: errno) }
        return AgentSocket(descriptor: descriptor)
    }

    private static func socketAddress(_ path: String) throws(AgentError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw .socketPathTooLong(path: path, limit: capacity - 1) }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
        return address
    }
}

/// Linux's `struct ucred`, which Glibc's module map leaves out (it needs _GNU_SOURCE).
private struct PeerCredentials {
    var pid: pid_t = 0
    var uid: uid_t = 0
    var gid: gid_t = 0
}

/// A pipe that wakes the agent's loop from another thread (card removal, a signal).
final class WakePipe: Sendable {
    fileprivate let readEnd: Int32
    private let writeEnd: Int32

    init() throws(AgentError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .system(call: "pipe", errno: errno) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(writeEnd, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while Glibc.read(readEnd, &buffer, buffer.count) > 0 {}
    }
}

/// Facts about the file system the agent's socket folder is checked against.
enum AgentFileSystem {
    static var userID: uid_t { getuid() }
    static var processID: Int32 { getpid() }

    /// The system's words for `errno`.
    static func explain(_ errno: Int32) -> String {
        String(cString: strerror(errno))
    }

    /// Owner and mode of `path` itself (a symbolic link is not followed), or nil when it does not exist.
    static func status(of path: String) throws(AgentError) -> (owner: uid_t, mode: mode_t, isDirectory: Bool, isSocket: Bool)? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .system(call: "lstat \(path)", errno: errno)
        }
        return (info.st_uid, info.st_mode & 0o7777, (info.st_mode & S_IFMT) == S_IFDIR, (info.st_mode & S_IFMT) == S_IFSOCK)
    }

    /// Creates the folder `path` owner-only (its parent must exist).
    static func makeFolder(_ path: String) throws(AgentError) {
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw .system(call: "mkdir \(path)", errno: errno) }
    }

    static func remove(_ path: String) {
        unlink(path)
    }

    /// Ignores SIGPIPE and has `handler` called (on another thread) for SIGINT and SIGTERM instead of
    /// dying, until `TerminationSignals.restore()`.
    static func onTermination(_ handler: @escaping @Sendable () -> Void) -> TerminationSignals {
        signal(SIGPIPE, SIG_IGN)
        var previous: [(signal: Int32, disposition: sighandler_t?)] = []
        let sources = [SIGINT, SIGTERM].map { number in
            previous.append((number, signal(number, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
        return TerminationSignals(sources: sources, previous: previous)
    }
}
