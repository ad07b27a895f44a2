import Foundation

/// A value produced on another thread, awaited with a time limit.
final class Outcome<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?  // guarded by condition

    func finish(_ value: Value) {
        condition.lock()
        self.value = value
        condition.broadcast()
        condition.unlock()
    }

    /// The value, or nil if it has not come within `limit`.
    func wait(upTo limit: TimeInterval) -> Value? {
        let deadline = Date(timeIntervalSinceNow: limit)
        condition.lock()
        defer { condition.unlock() }
        while value == nil, condition.wait(until: deadline) {}
        return value
    }
}
