import Foundation

/// Carries an upload from the server's request body to the vault's queue, a few chunks at a
/// time, so that a record of any size is sealed as it arrives and never held whole. A body that
/// stops before its end makes the reader throw, so the vault writes nothing.
final class UploadStream: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [Data] = []
    private var ended = false
    private var complete = false
    private var abandoned = false
    private static let depth = 8

    /// Hands one chunk to the reader, waiting while it is `depth` chunks behind; dropped once
    /// the reader has stopped.
    func put(_ chunk: Data) {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= Self.depth && !abandoned { condition.wait() }
        guard !abandoned else { return }
        chunks.append(chunk)
        condition.broadcast()
    }

    /// The body is over: whole when `complete`, else interrupted.
    func end(complete: Bool) {
        condition.lock()
        defer { condition.unlock() }
        ended = true
        self.complete = complete
        condition.broadcast()
    }

    /// The reader has stopped (done, or failed): the writer no longer waits.
    func abandon() {
        condition.lock()
        defer { condition.unlock() }
        abandoned = true
        chunks.removeAll()
        condition.broadcast()
    }

    /// At most `count` bytes, waiting for them; empty at the end of a whole body; throws
    /// `uploadInterrupted` at the end of one that was cut short.
    func read(_ count: Int) throws -> Data {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !ended { condition.wait() }
        guard !chunks.isEmpty else {
            guard complete else { throw WebError.uploadInterrupted }
            return Data()
        }
        var first = chunks.removeFirst()
        if first.count > count {
            chunks.insert(first.suffix(from: first.startIndex + count), at: 0)
            first = first.prefix(count)
        }
        condition.broadcast()
        return Data(first)
    }
}
