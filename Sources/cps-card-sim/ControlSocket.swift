import CardSimulator
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The simulator's control channel: a Unix socket (owner only) taking one text line per
/// connection and answering one line, `ok ...` or `error: ...`.
///
/// Lines: `insert PORT PROFILE-PATH`, `remove PORT`, `list`.
enum ControlSocket {
    /// Sends one request line and returns the answer, throwing when it is an error.
    static func request(_ line: String, at path: String) throws -> String {
        let fd = try open(path, listening: false)
        defer { close(fd) }
        guard write(fd, line + "\n"), let answer = readLine(fd) else {
            throw SimulatorError.controlSocket(path: path, reason: "no answer")
        }
        if answer.hasPrefix("error: ") { throw ControlError(message: String(answer.dropFirst(7))) }
        return answer
    }

    /// Serves requests forever on `path`, acting on `rack`; a card inserted takes `latency`
    /// when it is given, its profile's otherwise.
    static func serve(at path: String, rack: CardRack, stateFolder: URL?, latency: CardLatency?) throws -> Never {
        unlink(path)
        let fd = try open(path, listening: true)
        FileHandle.standardOutput.write(Data("cps-card-sim: listening on \(path)\n".utf8))
        while true {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { continue }
            let answer: String
            if let line = readLine(client) {
                answer = handle(line, rack: rack, stateFolder: stateFolder, latency: latency)
            } else {
                answer = "error: empty request"
            }
            _ = write(client, answer + "\n")
            close(client)
        }
    }

    private static func handle(_ line: String, rack: CardRack, stateFolder: URL?, latency: CardLatency?) -> String {
        let words = line.split(separator: " ", maxSplits: 2).map(String.init)
        do {
            switch (words.first, words.count) {
            case ("insert", 3):
                guard let port = UInt16(words[1]) else { return "error: not a port: \(words[1])" }
                let card = try SimulatedCardLoader.card(profile: words[2], stateFolder: stateFolder, latency: latency)
                try rack.insert(card, port: port)
                return "ok inserted \(card.label) at port \(port)"
            case ("remove", 2):
                guard let port = UInt16(words[1]) else { return "error: not a port: \(words[1])" }
                try rack.remove(port: port)
                return "ok removed the card at port \(port)"
            case ("list", 1):
                let cards = rack.cards.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                return "ok " + cards.joined(separator: " ")
            default:
                return "error: unknown request '\(line)'; use insert PORT PROFILE, remove PORT or list"
            }
        } catch {
            return "error: \(error)"
        }
    }

    private static func open(_ path: String, listening: Bool) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SimulatorError.controlSocket(path: path, reason: String(cString: strerror(errno))) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw SimulatorError.controlSocket(path: path, reason: "path too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let size = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                listening ? bind(fd, $0, size) : connect(fd, $0, size)
            }
        }
        guard result == 0, !listening || (chmod(path, 0o600) == 0 && listen(fd, 8) == 0) else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw SimulatorError.controlSocket(path: path, reason: reason)
        }
        return fd
    }

    private static func write(_ fd: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    private static func readLine(_ fd: Int32) -> String? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 4096, Glibc.read(fd, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
    }
}

/// An error the simulator reported through its control socket.
struct ControlError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
