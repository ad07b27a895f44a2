import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A simulated card sitting in a vpcd reader slot. vpcd listens on one TCP port per slot; the
/// card connects to it and answers what the reader sends: each message is a 2-byte big-endian
/// length and a payload, where a 1-byte payload is a control code (0 power off, 1 power on,
/// 2 reset, 4 send the ATR) and anything longer a command APDU. Closing the connection is
/// pulling the card out of the reader.
public final class VPCDLink: @unchecked Sendable {
    /// The vpcd port of the slot the card sits in.
    public let port: UInt16
    public let card: SimulatedCard
    private let socket: Int32
    private let finished = DispatchSemaphore(value: 0)
    private let removed = Mutex(false)

    /// Inserts `card` into the vpcd slot listening on `port` of the local machine and starts
    /// answering the reader on a thread of its own.
    public init(card: SimulatedCard, port: UInt16) throws(SimulatorError) {
        self.card = card
        self.port = port
        socket = try Self.connect(port: port)
        let thread = Thread { [self] in serve() }
        thread.name = "vpcd card \(port)"
        thread.start()
    }

    /// Pulls the card out: closes the connection and returns once the card has stopped answering.
    /// The socket is closed here, once, and not when the reader ends the connection first (pcscd
    /// stopped): its descriptor number then stays ours, and no later socket can be shut down by
    /// mistake.
    public func remove() {
        let first = removed.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        shutdown(socket, Int32(SHUT_RDWR))
        finished.wait()
        close(socket)
    }

    private func serve() {
        defer { finished.signal() }
        while let message = receive() {
            let reply: [UInt8]?
            if message.count == 1 {
                reply = control(message[0])
            } else {
                reply = card.process(message)
            }
            if let reply, !send(reply) { return }
        }
    }

    private func control(_ code: UInt8) -> [UInt8]? {
        switch code {
        case 0, 1, 2:
            card.reset()
            return nil
        case 4:
            return card.atr
        default:
            return nil
        }
    }

    private func receive() -> [UInt8]? {
        guard let header = read(count: 2) else { return nil }
        let length = Int(header[0]) << 8 | Int(header[1])
        return length == 0 ? [] : read(count: length)
    }

    private func read(count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            acknowledgeAtOnce()
            let got = buffer.withUnsafeMutableBytes { raw in
                recv(socket, raw.baseAddress! + filled, count - filled, 0)
            }
            if got <= 0 { return nil }
            filled += got
        }
        return buffer
    }

    /// vpcd writes a message's length and its payload separately, and holds the payload back
    /// (Nagle) until the length is acknowledged; a delayed acknowledgement here would then cost
    /// some 40 ms per APDU. Linux clears quick acknowledgement after a while, so it is set again
    /// before each read.
    private func acknowledgeAtOnce() {
        var on: Int32 = 1
        _ = setsockopt(socket, Int32(IPPROTO_TCP), TCP_QUICKACK, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    private func send(_ payload: [UInt8]) -> Bool {
        let message = [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
        var sent = 0
        while sent < message.count {
            let written = message.withUnsafeBytes { raw in
                Glibc.send(socket, raw.baseAddress! + sent, message.count - sent, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            sent += written
        }
        return true
    }

    private static func connect(port: UInt16) throws(SimulatorError) -> Int32 {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .readerUnreachable(port: port, reason: String(cString: strerror(errno))) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .readerUnreachable(port: port, reason: reason)
        }
        return fd
    }
}
