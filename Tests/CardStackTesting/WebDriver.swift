import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A headless Chromium driven through chromedriver with the W3C WebDriver protocol (HTTP and
/// JSON): what the workstation's browser tests click, type and read with. Debian's `chromium`
/// and `chromium-driver` packages provide both programs.
public final class WebDriver: @unchecked Sendable {
    private let driver = Process()
    private let base: URL
    private var session = ""

    /// The chromedriver program, where Debian puts it.
    public static let driverPath = "/usr/bin/chromedriver"

    /// Whether chromedriver is installed (Scripts/install-packages installs it).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: driverPath) }

    /// Starts chromedriver on a free loopback port, once it says it listens, and a headless
    /// browser session in it; `downloads` is where files the browser saves go.
    public init(downloads: URL) throws {
        let port = try Self.freePort()
        base = URL(string: "http://127.0.0.1:\(port)")!
        driver.executableURL = URL(fileURLWithPath: Self.driverPath)
        driver.arguments = ["--port=\(port)"]
        let output = Pipe()
        driver.standardOutput = output
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("started successfully") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw TestStackError("chromedriver ended before it listened") }
            said.append(chunk)
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": [
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--no-first-run",
                         "--disable-dev-shm-usage"],
                "prefs": ["download.default_directory": downloads.path, "download.prompt_for_download": false],
            ] as [String: Any],
        ] as [String: Any]]]
        let answer = try call("POST", "/session", capabilities, inSession: false)
        guard let id = (answer as? [String: Any])?["sessionId"] as? String else {
            throw TestStackError("chromedriver did not open a browser session: \(answer)")
        }
        session = id
        // A wait in the page (executeAsync) fails the test after this long; assertions never wait on time.
        _ = try call("POST", "/timeouts", ["script": 30_000, "pageLoad": 30_000])
    }

    deinit { quit() }

    /// Ends the browser session and chromedriver.
    public func quit() {
        guard driver.isRunning else { return }
        if !session.isEmpty { _ = try? call("DELETE", "", nil) }
        driver.terminate()
        driver.waitUntilExit()
    }

    /// Loads `url` and returns once the page has loaded.
    public func go(_ url: String) throws { _ = try call("POST", "/url", ["url": url]) }

    /// The current page's address.
    public func currentURL() throws -> String { try call("GET", "/url", nil) as? String ?? "" }

    /// The page's HTML as the DOM holds it now.
    public func source() throws -> String { try call("GET", "/source", nil) as? String ?? "" }

    /// The id of the first element matching `css`.
    public func element(_ css: String) throws -> String {
        let found = try call("POST", "/element", ["using": "css selector", "value": css])
        guard let reference = (found as? [String: Any])?.values.first as? String else {
            throw TestStackError("no element \(css) on the page")
        }
        return reference
    }

    /// How many elements match `css`.
    public func count(_ css: String) throws -> Int {
        (try call("POST", "/elements", ["using": "css selector", "value": css]) as? [Any])?.count ?? 0
    }

    /// Types `text` into the element matching `css` (a file input takes a path).
    public func type(_ css: String, _ text: String) throws {
        _ = try call("POST", "/element/\(try element(css))/value", ["text": text])
    }

    /// Empties the field matching `css`, then types `text` into it.
    public func fill(_ css: String, _ text: String) throws {
        let field = try element(css)
        _ = try call("POST", "/element/\(field)/clear", [:])
        _ = try call("POST", "/element/\(field)/value", ["text": text])
    }

    /// Clicks the element matching `css`.
    public func click(_ css: String) throws {
        _ = try call("POST", "/element/\(try element(css))/click", [:])
    }

    /// The rendered text of the element matching `css`.
    public func text(_ css: String) throws -> String {
        try call("GET", "/element/\(try element(css))/text", nil) as? String ?? ""
    }

    /// Runs `script` (a function body) in the page with `arguments` and returns its result.
    @discardableResult
    public func execute(_ script: String, _ arguments: [Any] = []) throws -> Any {
        try call("POST", "/execute/sync", ["script": script, "args": arguments])
    }

    /// Runs `script` in the page until it calls its last argument, the callback; returns what it
    /// gave. For waiting on a DOM event or a fetch, not on time.
    @discardableResult
    public func executeAsync(_ script: String, _ arguments: [Any] = []) throws -> Any {
        try call("POST", "/execute/async", ["script": script, "args": arguments])
    }

    /// Returns once an element matching `css` is in the page: at once, else when a DOM change
    /// adds it (a MutationObserver, no polling).
    public func waitFor(_ css: String) throws {
        // A page that navigates away while the script waits unloads it: wait again in the new page.
        for _ in 0..<5 {
            do {
                return try waitInPage(css)
            } catch let error as TestStackError where error.description.contains("unloaded") {
                continue
            }
        }
        try waitInPage(css)
    }

    private func waitInPage(_ css: String) throws {
        try executeAsync("""
            const [selector, done] = arguments;
            if (document.querySelector(selector)) { done(true); return; }
            new MutationObserver(function (changes, observer) {
              if (document.querySelector(selector)) { observer.disconnect(); done(true); }
            }).observe(document, { childList: true, subtree: true, attributes: true });
            """, [css])
    }

    /// Saves a PNG of the page.
    public func screenshot(to file: URL) throws {
        guard let encoded = try call("GET", "/screenshot", nil) as? String, let png = Data(base64Encoded: encoded) else {
            throw TestStackError("chromedriver gave no screenshot")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: file)
    }

    /// One WebDriver command: its `value`, or an error with chromedriver's message.
    private func call(_ method: String, _ path: String, _ body: [String: Any]?, inSession: Bool = true) throws -> Any {
        var request = URLRequest(url: base.appendingPathComponent(inSession ? "session/\(session)\(path)" : String(path.dropFirst())))
        request.httpMethod = method
        request.timeoutInterval = 120
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, _) = try HTTPExchange.send(request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let value = object?["value"] ?? NSNull()
        if let failure = value as? [String: Any], let error = failure["error"] as? String {
            throw TestStackError("WebDriver \(method) \(path): \(error): \(failure["message"] ?? "")")
        }
        return value
    }

    /// A loopback port nobody listens on now.
    private static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw TestStackError("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// One HTTP request made synchronously, for tests: the body and response of a URLSession task,
/// a redirection given back as it is rather than followed.
public enum HTTPExchange {
    /// Waits for the answer without holding a thread: for async tests beside an in-process server.
    public static func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await withCheckedThrowingContinuation { continuation in
            start(request) { continuation.resume(with: $0) }
        }
    }

    /// Blocks the calling thread until the answer comes: for synchronous tests.
    public static func send(_ request: URLRequest) throws -> (Data, HTTPURLResponse) {
        let outcome = Mutex<Result<(Data, HTTPURLResponse), any Error>?>(nil)
        let semaphore = DispatchSemaphore(value: 0)
        start(request) { result in
            outcome.withLock { $0 = result }
            semaphore.signal()
        }
        semaphore.wait()
        return try outcome.withLock { $0! }.get()
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
