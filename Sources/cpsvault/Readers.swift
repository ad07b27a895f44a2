import ArgumentParser
import CPSCard
import SmartCard
import PCSC

/// `cpsvault readers`: the PC/SC readers, numbered, with what card each holds.
struct Readers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the smart-card readers and the cards in them.",
        discussion: """
        Examples:
          cpsvault readers
          cpsvault readers --json
        """)

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct Entry: Encodable {
        var index: Int
        var name: String
        var cardPresent: Bool
        var atr: String?
        var cardType: String?
    }

    func run() throws {
        try ExitStatus.reporting {
            let context = try PCSCContext()
            let names = try context.readerNames()
            guard !names.isEmpty else { throw PCSCError.noReaders }
            let states = try context.states(of: names)
            let entries = states.enumerated().map { index, state in
                Entry(index: index, name: state.name, cardPresent: state.isCardPresent,
                      atr: state.isCardPresent ? state.atr.hexString : nil,
                      cardType: state.isCardPresent ? (KnownATR.matching(state.atr)?.cardType ?? "unknown ATR") : nil)
            }
            try Output.emit(entries, json: json) {
                TerminalText.lines(entries) { "\($0.index)  \($0.name)  \($0.cardType ?? "no card")" }
            }
        }
    }
}
