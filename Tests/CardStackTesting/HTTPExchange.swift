import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request from a test to a server it runs: the body and response of a URLSession task,
/// a redirection given back as it is rather than followed.
public enum HTTPExchange {
    /// Waits for the answer without holding a thread: for async tests beside an in-process server.
    public static func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await withCheckedThrowingContinuation { continuation in
            start(request) { continuation.resume(with: $0) }
        }
    }

    private static func start(_ request: URLRequest,
                              completion: @escaping @Sendable (Result<(Data, HTTPURLResponse), any Error>) -> Void) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        URLSession(configuration: configuration, delegate: NoRedirection(), delegateQueue: nil).dataTask(with: request) { data, response, error in
            if let error { return completion(.failure(error)) }
            guard let response = response as? HTTPURLResponse else { return completion(.failure(TestStackError("no HTTP response"))) }
            completion(.success((data ?? Data(), response)))
        }.resume()
    }
}

private final class NoRedirection: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
