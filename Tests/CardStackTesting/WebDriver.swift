import Foundation

/// A headless Chromium driven through chromedriver with the W3C WebDriver protocol (HTTP and
/// JSON): what the workstation's browser tests click, type and read with. Debian's `chromium`
/// and `chromium-driver` packages provide both programs. Every command is bounded in time: a
/// browser that does not answer fails the test with what it was asked, never hangs it.
public final class WebDriver: @unchecked Sendable {
    private let driver = Process()
    private let port: Int
    private var session = ""
    private var browserProcess: pid_t?
    /// chromedriver's own log (`--verbose`), named in every failure.
    public let log: URL
    /// The browser's profile, in the test's folder, removed by `quit()`.
    private let profile: URL

    /// The chromedriver program, where Debian puts it.
    public static let driverPath = "/usr/bin/chromedriver"

    /// Whether chromium and chromedriver are installed (Scripts/install-packages installs them).
    public static var isInstalled: Bool {
        [driverPath, "/usr/bin/chromium"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
    }

    /// How long a page may take to load, and a script in it (a wait on the DOM) to finish.
    public static let pageLimit: Duration = .seconds(20)
    /// How long chromedriver may take to answer one command (more than the page's limits, so
    /// that its own timeout, which says what timed out, comes first).
    static let commandLimit: Duration = .seconds(60)

    /// Starts chromedriver on a free loopback port, its log and the browser's profile in
    /// `folder`, once it says it listens, and a headless browser session in it; files the browser saves go to `downloads`.
    public init(downloads: URL, logIn folder: URL) throws {
        port = try Self.freePort()
        log = folder.appendingPathComponent("chromedriver.log")
        profile = folder.appendingPathComponent("chromium-profile")
        driver.executableURL = URL(fileURLWithPath: Self.driverPath)
        driver.arguments = ["--port=\(port)", "--verbose", "--log-path=\(log.path)"]
        let output = Pipe()
        driver.standardOutput = output
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        do {
            _ = try output.fileHandleForReading.readText(until: "started successfully", within: .seconds(30))
            // The browser runs without its sandbox: containers seldom grant the user namespace it
            // needs, and it only ever loads the test's own loopback server.
            let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
                "browserName": "chrome",
                "pageLoadStrategy": "normal",
                "timeouts": ["script": Self.milliseconds(Self.pageLimit), "pageLoad": Self.milliseconds(Self.pageLimit), "implicit": 0],
                "goog:chromeOptions": [
                    "binary": "/usr/bin/chromium",
                    "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000",
                             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--lang=fr-FR",
                             "--user-data-dir=\(profile.path)"],
                    "prefs": ["download.default_directory": downloads.path, "download.prompt_for_download": false],
                ] as [String: Any],
            ] as [String: Any]]]
            let answer = try call("POST", "/session", capabilities, inSession: false) as? [String: Any]
            guard let id = answer?["sessionId"] as? String else {
                throw TestStackError("chromedriver did not open a browser session: \(answer ?? [:]) (see \(log.path))")
            }
            session = id
            browserProcess = ((answer?["capabilities"] as? [String: Any])?["goog:processID"] as? Int).map { pid_t($0) }
        } catch {
            quit()
            throw error
        }
    }

    deinit { quit() }

    /// Ends the browser session and chromedriver. chromedriver inherits the test thread's blocked
    /// SIGTERM, so it is killed rather than asked; the browser is closed through the session
    /// first, and killed too if it is still there.
    public func quit() {
        guard driver.isRunning else { return }
        if !session.isEmpty { _ = try? call("DELETE", "", nil) }
        session = ""
        if let browserProcess { kill(browserProcess, SIGKILL) }
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
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
    /// gave. For waiting on a DOM event or a fetch, not on time; bounded by `pageLimit`.
    @discardableResult
    public func executeAsync(_ script: String, _ arguments: [Any] = []) throws -> Any {
        try call("POST", "/execute/async", ["script": script, "args": arguments])
    }

    /// Returns once an element matching `css` is in the page: at once, else when a DOM change
    /// adds it (a MutationObserver in the page, no polling); throws, naming the page it was
    /// waiting on, when none came within `pageLimit`.
    public func waitFor(_ css: String) throws {
        let deadline = ContinuousClock.now + Self.pageLimit
        while true {
            do {
                return try waitInPage(css)
            } catch let error as TestStackError where error.description.contains("script timeout") || error.description.contains("unloaded") {
                // A page that navigates away ends the script that waits in it, and chromedriver
                // says "script timeout" at once: wait again in the page that comes next.
                guard ContinuousClock.now < deadline else {
                    let page = (try? currentURL()) ?? "?"
                    let shown = (try? execute("return document.body ? document.body.innerText : ''") as? String) ?? ""
                    throw TestStackError("no \(css) appeared within \(Self.pageLimit) on \(page), which shows: \(shown.prefix(400))")
                }
            }
        }
    }

    /// Clicks `css`, which brings another page (a form's button, a link, a script that sends
    /// and reloads), and returns once that page shows an element matching `selector`. The page
    /// being left is marked first, so that its own elements never count as the next page's.
    public func clickThrough(_ css: String, to selector: String) throws {
        try execute("document.documentElement.setAttribute('data-quittee', '')")
        try click(css)
        try waitFor("html:not([data-quittee]) \(selector)")
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
        let target = inSession ? "/session/\(session)\(path)" : path
        let answer = try LoopbackHTTP.send(port: port, method, target, body: try body.map { try JSONSerialization.data(withJSONObject: $0) },
                                           within: Self.commandLimit)
        let object = (try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any]
        let value = object?["value"] ?? NSNull()
        if let failure = value as? [String: Any], let error = failure["error"] as? String {
            throw TestStackError("WebDriver \(method) \(path): \(error): \(failure["message"] ?? "") (see \(log.path))")
        }
        guard answer.status == 200 else {
            throw TestStackError("WebDriver \(method) \(path): HTTP \(answer.status) (see \(log.path))")
        }
        return value
    }

    private static func milliseconds(_ duration: Duration) -> Int { Int(duration.components.seconds) * 1000 }

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
