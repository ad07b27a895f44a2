import Foundation

/// Prints each figure beside its baseline, the ratio, the target and whether it is met, as text
/// or as one JSON object per line.
struct Report {
    let json: Bool

    func header(scale: Double) {
        guard !json else { return }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("cpsvault-bench: \(cores) cores, scale \(scale)\(scale < 1 ? " (reduced workload)" : "")")
    }

    /// Prints one result; returns whether every requirement is met.
    func show(_ figure: any Figure, _ outcome: Outcome) -> Bool {
        let verdicts = figure.requirements.map { ($0.describe(for: outcome), $0.isMet(by: outcome)) }
        let met = verdicts.allSatisfy(\.1)
        if json {
            emit(Row(figure: figure.name, title: figure.title, measured: outcome.measured, baseline: outcome.baseline,
                     ratio: outcome.ratio, target: verdicts.map(\.0).joined(separator: ", "), met: met,
                     secondary: outcome.secondary.mapValues { Row.Pair(measured: $0.measured, baseline: $0.baseline) },
                     notes: outcome.notes, error: nil))
            return met
        }
        print("")
        print("\(figure.title) [\(figure.name)]")
        print("  measured  \(outcome.measured.formatted)")
        if let baseline = outcome.baseline {
            print("  baseline  \(baseline.formatted)  (\(figure.baselineDescription ?? "baseline"))")
        }
        if let ratio = outcome.ratio {
            print("  ratio     \(ratio.formatted(digits: 2)) × baseline")
        }
        for (name, value) in outcome.secondary.sorted(by: { $0.key < $1.key }) {
            let baseline = value.baseline.map { ", baseline \($0.formatted)" } ?? ""
            print("  \(name): \(value.measured.formatted)\(baseline)")
        }
        for note in outcome.notes { print("  note      \(note)") }
        for (target, isMet) in verdicts {
            print("  target    \(target): \(isMet ? "met" : "MISSED")")
        }
        return met
    }

    func failed(_ figure: any Figure, _ error: any Error) {
        if json {
            emit(Row(figure: figure.name, title: figure.title, measured: nil, baseline: nil, ratio: nil, target: nil,
                     met: false, secondary: [:], notes: [], error: "\(error)"))
        } else {
            print("")
            print("\(figure.title) [\(figure.name)]")
            print("  could not run: \(error)")
        }
    }

    private func emit(_ row: Row) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(row) else { return }
        print(String(decoding: data, as: UTF8.self))
    }

    /// One figure's result as JSON.
    struct Row: Encodable {
        struct Pair: Encodable {
            var measured: Quantity
            var baseline: Quantity?
        }

        var figure: String
        var title: String
        var measured: Quantity?
        var baseline: Quantity?
        var ratio: Double?
        var target: String?
        var met: Bool
        var secondary: [String: Pair]
        var notes: [String]
        var error: String?
    }
}
