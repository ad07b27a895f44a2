import Synchronization

/// The loopback address the server printed, once it listens: the only `Host` it answers and
/// the only `Origin` a state-changing request may come from.
final class ServedOrigin: Sendable {
    private let port = Mutex<Int?>(nil)

    func listening(on port: Int) { self.port.withLock { $0 = port } }

    /// `127.0.0.1:PORT`, nil before the server listens.
    var host: String? { port.withLock { $0 }.map { "127.0.0.1:\($0)" } }

    /// `http://127.0.0.1:PORT`, nil before the server listens.
    var origin: String? { host.map { "http://\($0)" } }
}
