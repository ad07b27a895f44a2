import Foundation

/// How busy the machine's processors were while a figure ran, from the kernel's counters
/// (`/proc/stat`): every process counts, the benchmark's clients and the database server alike,
/// so a figure can say whether it was bound by the cores or by waiting.
struct MachineCPU {
    /// Clock ticks spent working (user, nice, system, interrupts, stolen) and in all, over
    /// every processor, since boot.
    private var busy: UInt64
    private var total: UInt64

    /// The counters now; nil where the kernel does not give them.
    static func now() -> MachineCPU? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        // user nice system idle iowait irq softirq steal
        let ticks = line.split(separator: " ").dropFirst().prefix(8).compactMap { UInt64($0) }
        guard ticks.count == 8 else { return nil }
        return MachineCPU(busy: ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7], total: ticks.reduce(0, +))
    }

    /// The share of all processors' time that was busy from `before` to `self`.
    func busyShare(since before: MachineCPU) -> Double? {
        total > before.total ? Double(busy - before.busy) / Double(total - before.total) : nil
    }
}

/// The time one side of a figure took over its rounds, and how much of it the machine's
/// processors were busy: what tells a figure bound by the cores from one bound by waiting.
struct BusyTime {
    private(set) var seconds = 0.0
    /// Seconds times the busy share, summed over the rounds; nil once a round had no counters.
    private var busySeconds: Double? = 0

    /// Times `body` as one more round of this side.
    mutating func measure(_ body: () throws -> Void) rethrows {
        let before = MachineCPU.now()
        let round = try Stopwatch.seconds(body)
        let share = before.flatMap { before in MachineCPU.now()?.busyShare(since: before) }
        seconds += round
        busySeconds = share.flatMap { share in busySeconds.map { $0 + round * share } }
    }

    /// The share of the processors' time that was busy over every round.
    var busy: Double? { seconds > 0 ? busySeconds.map { $0 / seconds } : nil }

    /// Processor-milliseconds the machine spent per operation, `count` operations having been done.
    func millisecondsPerOperation(_ count: Int) -> Double? {
        busySeconds.map { $0 * Double(ProcessInfo.processInfo.activeProcessorCount) * 1000 / Double(count) }
    }

    /// The note for a throughput figure: for each side, how busy the processors were and the
    /// processor time one operation cost (clients and server together); and the most operations
    /// a second those processors could give at the first side's cost.
    static func note(operations: Int, unit: String, sides: [(name: String, time: BusyTime)]) -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let measured = sides.compactMap { side -> (name: String, busy: Double, perOperation: Double)? in
            guard let busy = side.time.busy, let perOperation = side.time.millisecondsPerOperation(operations) else { return nil }
            return (side.name, busy, perOperation)
        }
        guard let first = measured.first else { return "processor use: not available (no /proc/stat)" }
        let parts = measured.map {
            "\($0.name) kept the \(cores) cores \(Int(($0.busy * 100).rounded()))% busy, \($0.perOperation.formatted(digits: 2)) ms of processor time per \(unit)"
        }
        let ceiling = Double(cores) * 1000 / first.perOperation
        return parts.joined(separator: "; ") + "; at that cost \(cores) cores give at most \(ceiling.formatted(digits: 0)) \(unit)s/s"
    }
}
