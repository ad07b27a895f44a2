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

    /// What `body` cost: its seconds, and the share of all processors' time that was busy
    /// meanwhile (nil without the counters).
    static func measure(_ body: () throws -> Void) rethrows -> (seconds: Double, busy: Double?) {
        let before = now()
        let seconds = try Stopwatch.seconds(body)
        guard let before, let after = now(), after.total > before.total else { return (seconds, nil) }
        return (seconds, Double(after.busy - before.busy) / Double(after.total - before.total))
    }

    /// Processor-milliseconds the machine spent per operation, `count` operations having taken
    /// `seconds` with processors `busy` that share of the time.
    static func millisecondsPerOperation(_ count: Int, seconds: Double, busy: Double) -> Double {
        seconds * busy * Double(ProcessInfo.processInfo.activeProcessorCount) * 1000 / Double(count)
    }
}

/// The note that tells whether a throughput figure is bound by the machine's processors: for
/// each side, how busy they were and the processor time one operation cost, clients and server
/// together; and the most operations a second those processors could give at the first side's cost.
enum CoreBound {
    static func note(operations: Int, unit: String, sides: [(name: String, rounds: [(seconds: Double, busy: Double?)])]) -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let measured = sides.compactMap { side -> (name: String, busy: Double, perOperation: Double)? in
            let seconds = side.rounds.reduce(0) { $0 + $1.seconds }
            let busySeconds = side.rounds.reduce(0.0) { $0 + $1.seconds * ($1.busy ?? .nan) }
            guard seconds > 0, !busySeconds.isNaN else { return nil }
            let busy = busySeconds / seconds
            return (side.name, busy, MachineCPU.millisecondsPerOperation(operations, seconds: seconds, busy: busy))
        }
        guard let first = measured.first else { return "processor use: not available (no /proc/stat)" }
        let sides = measured.map {
            "\($0.name) kept the \(cores) cores \(Int(($0.busy * 100).rounded()))% busy, \($0.perOperation.formatted(digits: 2)) ms of processor time per \(unit)"
        }
        let ceiling = Double(cores) * 1000 / first.perOperation
        return sides.joined(separator: "; ") + "; at that cost \(cores) cores give at most \(ceiling.formatted(digits: 0)) \(unit)s/s"
    }
}
