import ArgumentParser
import Foundation

/// `cpsvault trust`: the trust material card validation rests on, and keeping its CRLs current.
struct Trust: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the trust anchors, intermediates and CRLs; refresh the CRLs; import CA certificates.",
        subcommands: [TrustStatus.self, TrustRefresh.self, TrustImport.self])
}

/// The option every trust command takes: which configuration.
struct TrustOptions: ParsableArguments {
    @Option(help: "The configuration file (default: $CPSVAULT_CONFIG, else ~/.config/cpsvault/config.json).")
    var config: String?

    func load() throws -> Configuration {
        try Configuration.load(explicitPath: config)
    }
}

/// A day as YYYY-MM-DD and time as HH:MM UTC, for a person.
func displayed(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().time(includingFractionalSeconds: false)) + " UTC"
}
