import ArgumentParser
import CardSimulator
import Foundation

extension CardSim {
    /// Runs the simulator: inserts the given cards, then takes requests on the control socket.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the simulator until it is stopped.",
            discussion: """
            Example:
              cps-card-sim serve --card 35963=Keys/test/cards/physician-1/profile.json \\
                  --state .cardstack/state --control .cardstack/cps-card-sim.sock

            With --latency cps3 (or cps4) every card the simulator holds, inserted at start or \
            later, waits as long as a real card of that generation before it answers (docs/CARD.md, \
            "Latency profiles"); without it each card takes its profile's "latency", none by default.
            """)

        @OptionGroup var options: ControlOptions

        @Option(name: .customLong("card"), help: "A card to insert at start, as PORT=PROFILE (repeatable).")
        var cards: [String] = []

        @Option(help: "A folder where PIN try counters persist across restarts.")
        var state: String?

        @Option(help: "How long every card takes to answer: none, cps3 or cps4 (default: each profile's own).",
                transform: { name in
                    guard let latency = CardLatency.named(name) else {
                        throw ValidationError("--latency takes \(CardLatency.all.map(\.name).joined(separator: ", ")), not '\(name)'")
                    }
                    return latency
                })
        var latency: CardLatency?

        func run() throws {
            // A parent may have started us with termination signals blocked or ignored; stopping must work.
            var termination = sigset_t()
            sigemptyset(&termination)
            sigaddset(&termination, SIGTERM)
            sigaddset(&termination, SIGINT)
            pthread_sigmask(SIG_UNBLOCK, &termination, nil)
            signal(SIGTERM, SIG_DFL)
            signal(SIGINT, SIG_DFL)
            let stateFolder = state.map { URL(fileURLWithPath: $0, isDirectory: true) }
            if let stateFolder {
                try FileManager.default.createDirectory(
                    at: stateFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            let rack = CardRack()
            for entry in cards {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let port = UInt16(parts[0]) else {
                    throw ValidationError("--card takes PORT=PROFILE, not '\(entry)'")
                }
                try rack.insert(SimulatedCardLoader.card(profile: parts[1], stateFolder: stateFolder, latency: latency), port: port)
            }
            try ControlSocket.serve(at: options.control, rack: rack, stateFolder: stateFolder, latency: latency)
        }
    }

    /// Inserts a card into a slot of the running simulator.
    struct Insert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Insert a card.",
            discussion: "Example: cps-card-sim insert --port 35964 Keys/test/cards/nurse/profile.json")

        @OptionGroup var options: ControlOptions
        @Option(help: "The vpcd slot port.") var port: UInt16
        @Argument(help: "The card's profile file.") var profile: String

        func run() throws {
            let path = URL(fileURLWithPath: profile).standardizedFileURL.path
            print(try ControlSocket.request("insert \(port) \(path)", at: options.control))
        }
    }

    /// Pulls the card out of a slot of the running simulator.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a card.", discussion: "Example: cps-card-sim remove --port 35964")

        @OptionGroup var options: ControlOptions
        @Option(help: "The vpcd slot port.") var port: UInt16

        func run() throws {
            print(try ControlSocket.request("remove \(port)", at: options.control))
        }
    }

    /// Lists the cards in the running simulator's slots.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List inserted cards as PORT=LABEL.")

        @OptionGroup var options: ControlOptions

        func run() throws {
            print(try ControlSocket.request("list", at: options.control))
        }
    }
}
