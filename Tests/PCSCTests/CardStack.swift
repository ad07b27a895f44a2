import PCSC
import Testing

/// The running pcscd and its simulated readers, as the `.cardStack` tests find them.
struct CardStack {
    let context: PCSCContext

    /// Connects to pcscd; fails the test with pcscd's own advice when it is not running.
    init() throws {
        do {
            context = try PCSCContext()
        } catch {
            Issue.record("The card-stack tests need pcscd with the simulated readers: \(error)")
            throw error
        }
    }

    /// The simulated readers pcscd lists; fails the test when there are none.
    func simulatedReaders() throws -> [String] {
        let readers = try context.readerNames().filter { $0.hasPrefix("CPS Sim") }
        try #require(!readers.isEmpty, "pcscd lists no \"CPS Sim\" reader: start the card stack with Scripts/cardstack start")
        return readers
    }

    /// A simulated reader with no card in it; fails the test when every one holds a card.
    func emptyReader() throws -> String {
        let states = try context.states(of: simulatedReaders())
        let empty = try #require(states.first { !$0.isCardPresent }, "every simulated reader holds a card")
        return empty.name
    }
}
