import ArgumentParser
import VaultCore

/// `cpsvault export study`: a pseudonymised statistical extract (L1411-8 2°).
struct ExportStudy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Export the study's fields of the patients you name, pseudonymised (L1411-8), physicians only.",
        discussion: """
        No name, given name, INS or street address; patients appear by a pseudonym stable within \
        the study; records the study does not use are left out and counted.

        Example: cpsvault export study 3F2A… 77B0… --study diabetes.json --to ars.pem --output extract.cms --format csv
        """)
    @OptionGroup var options: ExportOptions
    @OptionGroup var study: StudyOptions

    func run() throws {
        try ExitStatus.reporting {
            let definition = try study.definition()
            try options.run { session, destination, progress in
                try session.exports.exportStudy(patients: study.patients, study: definition, format: study.format,
                                        to: destination, progress: progress)
            }
        }
    }
}
