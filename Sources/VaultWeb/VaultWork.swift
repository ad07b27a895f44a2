import Dispatch

/// The one queue where the vault and the card are worked: the session's calls block (database,
/// card), so they run here, one at a time, never on the server's threads.
enum VaultWork {
    private static let queue = DispatchQueue(label: "cpsvault.web.vault-work")

    /// Runs `body` on the vault's queue and returns what it returns or throws.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
