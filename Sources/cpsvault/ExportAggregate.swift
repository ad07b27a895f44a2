import ArgumentParser
import VaultCore

/// `cpsvault export aggregate`: counts by the study's fields with small cells suppressed (L1411-8 1°).
struct ExportAggregate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Export patient counts by the study's groupBy fields, small cells suppressed, physicians only.",
        discussion: """
        A cell counting fewer patients than --threshold (at least 11) keeps its place but loses its count.

        Example: cpsvault export aggregate 3F2A… 77B0… --study diabetes.json --threshold 11 --to ars.pem --output counts.cms
        """)
    @OptionGroup var options: ExportOptions
    @OptionGroup var study: StudyOptions
    @Option(help: "Cells counting fewer patients than this lose their count (at least 11).")
    var threshold = StudyDefinition.minimumThreshold

    func run() throws {
        try ExitStatus.reporting {
            // Refused before the PIN is asked.
            guard threshold >= StudyDefinition.minimumThreshold else {
                throw ExportError.thresholdTooLow(threshold, minimum: StudyDefinition.minimumThreshold)
            }
            let definition = try study.definition()
            try options.run { session, destination, progress in
                try session.exports.exportAggregate(patients: study.patients, study: definition, threshold: threshold,
                                            format: study.format, to: destination, progress: progress)
            }
        }
    }
}
