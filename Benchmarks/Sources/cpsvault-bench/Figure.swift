/// One performance figure of the product's requirements: what it measures, the baseline it is
/// compared with in the same run, and the target it must meet. Adding a figure is one type
/// conforming to this protocol, in its own file, listed in `Figures.all`.
protocol Figure: Sendable {
    /// The short name `--only` selects, e.g. "seal-64k".
    var name: String { get }
    /// What is measured, as the requirements word it.
    var title: String { get }
    /// What the baseline is, or nil when the target is absolute.
    var baselineDescription: String? { get }
    /// Every requirement the figure must meet.
    var requirements: [Requirement] { get }
    /// Runs the product and its baseline; `scale` (0 < scale ≤ 1) shrinks the workload.
    func measure(scale: Double) throws -> Outcome
}

/// A measured amount with its unit, and which way is better.
struct Quantity: Sendable, Codable {
    enum Direction: String, Sendable, Codable {
        case higherIsBetter, lowerIsBetter
    }

    var value: Double
    var unit: String
    var direction: Direction

    static func throughput(_ value: Double, _ unit: String) -> Quantity {
        Quantity(value: value, unit: unit, direction: .higherIsBetter)
    }

    static func cost(_ value: Double, _ unit: String) -> Quantity {
        Quantity(value: value, unit: unit, direction: .lowerIsBetter)
    }

    /// How many times better this is than `baseline` (above 1: better): for a throughput the
    /// quotient, for a cost its inverse.
    func ratio(to baseline: Quantity) -> Double {
        switch direction {
        case .higherIsBetter: value / baseline.value
        case .lowerIsBetter: baseline.value / value
        }
    }

    var formatted: String {
        let digits = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3
        return "\(value.formatted(digits: digits)) \(unit)"
    }
}

/// What one run of a figure found: the main quantity for the product and for the baseline, and
/// any secondary ones (APDU counts, peak memory), keyed by name.
struct Outcome: Sendable {
    var measured: Quantity
    var baseline: Quantity?
    var secondary: [String: (measured: Quantity, baseline: Quantity?)] = [:]
    /// Facts worth printing beside the figure: sizes, counts, where the time went.
    var notes: [String] = []

    /// The product relative to the baseline (above 1: better), when there is a baseline.
    var ratio: Double? { baseline.map(measured.ratio(to:)) }
}

/// One condition a figure must meet.
enum Requirement: Sendable {
    /// The product is at least `factor` times as good as the baseline.
    case ratio(atLeast: Double)
    /// The main quantity (a cost) is at most `limit`, in its own unit.
    case atMost(Double)
    /// A secondary quantity (a cost) is at most `limit`.
    case secondaryAtMost(String, Double)
    /// A secondary quantity (a cost) is strictly below the baseline's.
    case secondaryBelowBaseline(String)

    /// How the requirement reads in the report.
    func describe(for outcome: Outcome) -> String {
        switch self {
        case .ratio(let factor): "≥ \(factor.formatted(digits: 2)) × baseline"
        case .atMost(let limit): "≤ \(limit.formatted(digits: 2)) \(outcome.measured.unit)"
        case .secondaryAtMost(let name, let limit): "\(name) ≤ \(limit.formatted(digits: limit < 1 ? 2 : 0))"
        case .secondaryBelowBaseline(let name): "fewer \(name) than baseline"
        }
    }

    /// Whether `outcome` meets it; false when a needed quantity is missing.
    func isMet(by outcome: Outcome) -> Bool {
        switch self {
        case .ratio(let factor):
            guard let ratio = outcome.ratio else { return false }
            return ratio >= factor
        case .atMost(let limit):
            return outcome.measured.value <= limit
        case .secondaryAtMost(let name, let limit):
            guard let secondary = outcome.secondary[name] else { return false }
            return secondary.measured.value <= limit
        case .secondaryBelowBaseline(let name):
            guard let secondary = outcome.secondary[name], let baseline = secondary.baseline else { return false }
            return secondary.measured.value < baseline.value
        }
    }
}

extension Double {
    /// Fixed-point text with `digits` decimals.
    func formatted(digits: Int) -> String {
        String(format: "%.\(digits)f", self)
    }
}
