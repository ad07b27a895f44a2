import CardStackTesting
import PCSC
import Testing

@Suite("ReaderMonitor through pcscd", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint))
struct ReaderMonitorTests {
    @Test("yields readerAdded for each reader present at start, and finishes after stop()",
          .timeLimit(.minutes(1)))
    func reportsReadersThenFinishes() async throws {
        let readers = try Set(CardStack().context.readerNames())
        try #require(!readers.isEmpty)
        let monitor = try ReaderMonitor()
        var added: Set<String> = []
        var events = monitor.events.makeAsyncIterator()
        while added != readers, let event = await events.next() {
            if case .readerAdded(let name) = event { added.insert(name) }
        }
        #expect(added == readers)
        monitor.stop()
        while await events.next() != nil {}
    }
}
