import Foundation

/// A tiny HTTP/1.0 server on 127.0.0.1 at the test PKI's CRL port (Keys/test/crl-port), in the
/// test process, answering each path with what the test set: a body, an error status, or
/// silence (the connection is accepted and the request read, and no answer ever comes until the
/// server stops). Unknown paths get 404. One runs at a time, as the port is fixed by the PKI.
public final class CRLServer: @unchecked Sendable {
    /// What a path answers.
    public enum Answer: Sendable {
        case body([UInt8])
        case status(Int)
        case silence
    }

    private let listener: Int32
    private let lock = NSLock()
    private var answers: [String: Answer] = [:]
    private var held: [Int32] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// The base URL the test PKI's certificates name, e.g. http://127.0.0.1:41301.
    public static func baseURL() throws -> String {
        "http://127.0.0.1:\(try port())"
    }

    private static func port() throws -> UInt16 {
        try TestPKI.ensureGenerated()
        let text = try String(contentsOfFile: TestPKI.file("crl-port"), encoding: .utf8)
        guard let port = UInt16(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestStackError("Keys/test/crl-port holds no port: run Scripts/make-test-pki --force.")
        }
        return port
    }

    /// Listens on the PKI's CRL port; throws if it is taken.
    public init() throws {
        let port = try Self.port()
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw TestStackError("socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw TestStackError("Cannot listen on 127.0.0.1:\(port) (errno \(errno)): another test run may hold it.")
        }
        Thread { [self] in serve() }.start()
    }

    /// Sets what `path` (e.g. "/intermediate.crl") answers.
    public func answer(_ path: String, with answer: Answer) {
        lock.withLock { answers[path] = answer }
    }

    /// Stops listening and closes every held connection.
    public func stop() {
        let connections = lock.withLock { () -> [Int32] in
            stopped = true
            return held
        }
        shutdown(listener, Int32(SHUT_RDWR))
        connections.forEach { shutdown($0, Int32(SHUT_RDWR)); close($0) }
        finished.wait()
        close(listener)
    }

    private func serve() {
        defer { finished.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            guard let path = Self.requestPath(connection) else {
                close(connection)
                continue
            }
            let answer = lock.withLock { answers[path] } ?? .status(404)
            switch answer {
            case .silence:
                let keep = lock.withLock { () -> Bool in
                    if !stopped { held.append(connection) }
                    return !stopped
                }
                if !keep { close(connection) }
            case .status(let code):
                Self.send(connection, status: code, body: Array("status \(code)\n".utf8))
            case .body(let bytes):
                Self.send(connection, status: 200, body: bytes)
            }
        }
    }

    /// The path of the request's first line, once its headers are read.
    private static func requestPath(_ connection: Int32) -> String? {
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.ends(with: Array("\r\n\r\n".utf8)) {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return nil }
            request += buffer[..<count]
        }
        let line = String(decoding: request.prefix { $0 != 0x0D }, as: UTF8.self).split(separator: " ")
        return line.count >= 2 ? String(line[1]) : nil
    }

    private static func send(_ connection: Int32, status: Int, body: [UInt8]) {
        let head = "HTTP/1.0 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Type: application/pkix-crl\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            sent += count
        }
        close(connection)
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
