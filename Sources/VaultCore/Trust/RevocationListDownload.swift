import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches a CRL from an HTTP distribution point with FoundationNetworking's `URLSession`, within
/// a time bound: plain HTTP GET, a 200 answer's body, nothing else. Certification authorities
/// publish CRLs over plain HTTP because the CRL is signed; its signature, not the transport, is
/// what the caller checks.
public struct RevocationListDownload: Sendable {
    /// The longest a fetch may take, connection and body included.
    public let timeout: Duration
    /// The largest body accepted.
    public static let maximumSize = 64 << 20

    public init(timeout: Duration) {
        self.timeout = timeout
    }

    /// Whether `address` is one this download fetches: http or https (not ldap, which
    /// distribution points may also name).
    public static func canFetch(_ address: String) -> Bool {
        guard let scheme = URL(string: address)?.scheme?.lowercased() else { return false }
        return scheme == "http" || scheme == "https"
    }

    /// Why a fetch gave no CRL bytes, in words for a progress line.
    public struct Failure: Error, CustomStringConvertible, Sendable, Equatable {
        public let description: String
    }

    /// The body served at `url`; throws a `Failure` saying why not (not HTTP, unreachable, an
    /// HTTP error status, too large, or no complete answer within `timeout`).
    public func fetch(_ url: URL) throws(Failure) -> [UInt8] {
        guard Self.canFetch(url.absoluteString) else { throw Failure(description: "not an HTTP address") }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration)
        defer { session.invalidateAndCancel() }
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: url) { data, response, error in
            answer.set(data: data, response: response, error: error)
            done.signal()
        }
        task.resume()
        // The session's own timeouts end the task; this bound holds even if they do not fire.
        guard done.wait(timeout: .now() + seconds + 1) == .success else {
            task.cancel()
            throw Failure(description: "no answer within \(timeout)")
        }
        return try answer.body()
    }

    /// What the session's completion handler delivered, handed across threads under a lock.
    private final class Answer: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        private var response: URLResponse?
        private var error: (any Error)?

        func set(data: Data?, response: URLResponse?, error: (any Error)?) {
            lock.withLock { (self.data, self.response, self.error) = (data, response, error) }
        }

        func body() throws(Failure) -> [UInt8] {
            let (data, response, error) = lock.withLock { (self.data, self.response, self.error) }
            if let error = error as? URLError, error.code == .timedOut {
                throw Failure(description: "no complete answer within the time allowed")
            }
            if let error { throw Failure(description: error.localizedDescription) }
            guard let status = (response as? HTTPURLResponse)?.statusCode else { throw Failure(description: "no HTTP answer") }
            guard status == 200 else { throw Failure(description: "HTTP status \(status)") }
            guard let data, !data.isEmpty else { throw Failure(description: "an empty answer") }
            guard data.count <= RevocationListDownload.maximumSize else {
                throw Failure(description: "an answer larger than \(RevocationListDownload.maximumSize >> 20) MiB")
            }
            return Array(data)
        }
    }
}
