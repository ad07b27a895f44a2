import ArgumentParser

/// `cps-card-sim`: software CPS3 and CPS4 cards in vpcd reader slots.
@main
struct CardSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cps-card-sim",
        abstract: "Simulated CPS3 and CPS4 cards in vpcd reader slots, for tests and demonstrations.",
        discussion: """
        pcscd must run with vpcd readers (Scripts/cardstack start does both). Each vpcd reader \
        slot listens on a TCP port; a card is inserted by connecting to it.
        """,
        subcommands: [Serve.self, Insert.self, Remove.self, List.self])
}

/// Options shared by every command: where the control socket is.
struct ControlOptions: ParsableArguments {
    @Option(help: "The control socket of the running simulator.")
    var control: String = ".cardstack/cps-card-sim.sock"
}
