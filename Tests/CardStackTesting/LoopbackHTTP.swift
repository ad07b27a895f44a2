import Foundation

/// One HTTP/1.1 request to a server on 127.0.0.1 over a plain socket, bounded in time: what the
/// WebDriver client speaks to chromedriver with. FoundationNetworking's URLSession (Swift 6.3)
/// cannot: it refuses a response whose header lines have no space after the colon
/// (`Content-Length:918`), which is how chromedriver writes them, and fails with "Failed writing
/// header".
enum LoopbackHTTP {
    /// A response's status code and body.
    struct Answer {
        let status: Int
        let body: Data
    }

    /// Sends `method path` with `body` (JSON) to 127.0.0.1:`port` and returns the response;
    /// throws when it is not complete within `limit`.
    static func send(port: Int, _ method: String, _ path: String, body: Data?, within limit: Duration) throws -> Answer {
        let deadline = ContinuousClock.now + limit
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestStackError("no socket for \(method) \(path): errno \(errno)") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: Int(limit.components.seconds), tv_usec: 0)
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            setsockopt(socket, SOL_SOCKET, option, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestStackError("\(method) \(path): nothing listens on port \(port) (errno \(errno))") }

        var request = Data("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n".utf8)
        if let body {
            request.append(Data("Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\n".utf8))
        }
        request.append(Data("\r\n".utf8))
        if let body { request.append(body) }
        try request.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let count = Foundation.send(socket, raw.baseAddress! + written, raw.count - written, Int32(MSG_NOSIGNAL))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw TestStackError("\(method) \(path): the request could not be sent (errno \(errno))") }
                written += count
            }
        }

        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !isComplete(received) {
            guard ContinuousClock.now < deadline else { throw TestStackError("\(method) \(path): no complete answer within \(limit)") }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw TestStackError("\(method) \(path): no answer within \(limit) (errno \(errno))") }
            if count == 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        guard let end = received.range(of: Data("\r\n\r\n".utf8)),
              let statusLine = String(decoding: received[..<end.lowerBound], as: UTF8.self).split(separator: "\r\n").first,
              let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw TestStackError("\(method) \(path): not an HTTP answer: \(String(decoding: received.prefix(200), as: UTF8.self))")
        }
        return Answer(status: status, body: Data(received[end.upperBound...]))
    }

    /// Whether `received` holds the whole header and as much body as its `Content-Length` says
    /// (without one, the answer ends when the server closes the connection).
    private static func isComplete(_ received: Data) -> Bool {
        guard let end = received.range(of: Data("\r\n\r\n".utf8)) else { return false }
        let header = String(decoding: received[..<end.lowerBound], as: UTF8.self).lowercased()
        guard let line = header.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else { return false }
        return received.count - end.upperBound >= length
    }
}
