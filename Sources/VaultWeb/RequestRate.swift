import Synchronization

/// A token bucket over all requests: `burst` at once, refilled at `perSecond`. A person at a
/// browser stays far below it; a script hammering the PIN form or the records does not.
final class RequestRate: Sendable {
    private let perSecond: Double
    private let burst: Double
    private let state: Mutex<(tokens: Double, at: ContinuousClock.Instant)>

    init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
        state = Mutex((burst, .now))
    }

    /// Takes one token; false when none is left.
    func admit() -> Bool {
        state.withLock { state in
            let now = ContinuousClock.now
            let elapsed = now - state.at
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            state = (min(burst, state.tokens + seconds * perSecond), now)
            guard state.tokens >= 1 else { return false }
            state.tokens -= 1
            return true
        }
    }
}
