import Foundation

extension FileHandle {
    /// Reads what a program writes to this pipe until it contains `marker`, and returns all of
    /// it; throws when the program closes the pipe first or when `limit` passes without it, so
    /// that a program that never gets ready fails the test instead of hanging it.
    public func readText(until marker: String, within limit: Duration) throws -> String {
        let deadline = ContinuousClock.now + limit
        var said = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: said, as: UTF8.self).contains(marker) {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                throw TestStackError("waited \(limit) for \"\(marker)\"; the program said: \(String(decoding: said, as: UTF8.self))")
            }
            var poller = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            let ready = poll(&poller, 1, max(1, milliseconds))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = Glibc.read(fileDescriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw TestStackError("the program ended before it said \"\(marker)\"; it said: \(String(decoding: said, as: UTF8.self))")
            }
            said.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: said, as: UTF8.self)
    }
}
