import Foundation

/// Clients working at once, as several workstations do: each on a thread of its own (a client
/// blocks on its server, so a thread pool sized to the cores would serialise them).
enum ConcurrentClients {
    /// Runs `body(client)` for clients 0..<count at once and waits for all; rethrows the first
    /// error any of them threw.
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let group = DispatchGroup()
        let failures = Failures()
        for client in 0..<count {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do { try body(client) } catch { failures.record(error) }
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        group.wait()
        if let first = failures.first { throw first }
    }

    /// The errors of the clients, in the order they came.
    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [any Error] = []

        func record(_ error: any Error) { lock.withLock { errors.append(error) } }
        var first: (any Error)? { lock.withLock { errors.first } }
    }
}
