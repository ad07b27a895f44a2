import ArgumentParser
import Foundation

/// Measures the product's performance figures against baselines taken in the same run, and says
/// whether each target is met. No figure is asserted in tests: this is where they are checked.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpsvault-bench",
        abstract: "Measure cpsvault's performance figures against same-run baselines.",
        discussion: """
            Each figure runs the product and its baseline in alternating rounds and prints both, \
            the ratio and the target. Build in release: Scripts/bench does.

            Example: cpsvault-bench --only seal-64k --only seal-1k --scale 0.1
            """)

    @Option(name: .customLong("only"), help: "Run only the figure with this name (repeatable); see --list.")
    var only: [String] = []

    @Option(help: "Shrink every workload by this factor (0 < scale ≤ 1) for a quick run.")
    var scale: Double = 1

    @Flag(help: "List the figures and exit.")
    var list = false

    @Flag(help: "Exit with status 1 when a figure misses its target.")
    var strict = false

    @Flag(help: "Print the results as JSON, one object per figure.")
    var json = false

    @Option(help: .hidden)
    var restitutionChild: String?

    func validate() throws {
        guard scale > 0, scale <= 1 else { throw ValidationError("--scale must be above 0 and at most 1, not \(scale)") }
        let unknown = only.filter { name in !Figures.all.contains { $0.name == name } }
        guard unknown.isEmpty else {
            throw ValidationError("no figure named \(unknown.joined(separator: ", ")); --list shows them")
        }
    }

    func run() throws {
        if let folder = restitutionChild {
            return try RestitutionFigure.exportInChild(folder: URL(fileURLWithPath: folder))
        }
        if list {
            for figure in Figures.all { print("\(figure.name)\t\(figure.title)") }
            return
        }
        let chosen = Figures.all.filter { only.isEmpty || only.contains($0.name) }
        let report = Report(json: json)
        report.header(scale: scale)
        var missed = 0
        for figure in chosen {
            do {
                let outcome = try figure.measure(scale: scale)
                if !report.show(figure, outcome) { missed += 1 }
            } catch {
                report.failed(figure, error)
                missed += 1
            }
        }
        if strict, missed > 0 { throw ExitCode(1) }
    }
}
