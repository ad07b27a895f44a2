/// Timing for figures: rounds that alternate the product and its baseline, so both see the same
/// machine load, and the median of each.
enum Stopwatch {
    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return (clock.now - start).seconds
    }

    /// What `body` returns, and the seconds it took.
    static func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, (clock.now - start).seconds)
    }

    /// Runs `body` repeatedly for at least `minimum` seconds; returns seconds per call.
    static func secondsPerCall(minimum: Double, _ body: () throws -> Void) rethrows -> Double {
        var calls = 0
        var elapsed = 0.0
        var batch = 1
        while elapsed < minimum {
            elapsed += try seconds { for _ in 0..<batch { try body() } }
            calls += batch
            batch = min(batch * 2, 1 << 16)
        }
        return elapsed / Double(calls)
    }

    /// `rounds` alternating timings of `product` and `baseline` (each run for `minimum` seconds
    /// a round, after one warm-up call each); the median seconds per call of each.
    static func compare(rounds: Int = 5, minimum: Double, product: () throws -> Void, baseline: () throws -> Void)
        rethrows -> (product: Double, baseline: Double)
    {
        try product()
        try baseline()
        var productTimes: [Double] = []
        var baselineTimes: [Double] = []
        for _ in 0..<rounds {
            productTimes.append(try secondsPerCall(minimum: minimum, product))
            baselineTimes.append(try secondsPerCall(minimum: minimum, baseline))
        }
        return (median(productTimes), median(baselineTimes))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// The value below which `fraction` (0...1) of `values` lie, by nearest rank.
    static func percentile(_ fraction: Double, of values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
