import CardStackTesting
import PCSC
import Testing

/// A simulated card inserted into and pulled out of a real pcscd reader.
@Suite("Card insertion and removal through pcscd", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
struct CardPresenceTests {
    let stack: CardStack
    let slot = TestSlot.pcsc

    init() throws {
        stack = try CardStack()
        stack.empty(slot)
    }

    @Test("the monitor reports the card inserted with its ATR, then removed", .timeLimit(.minutes(1)))
    func monitorSeesInsertAndRemove() async throws {
        let monitor = try ReaderMonitor()
        defer { monitor.stop() }
        var events = monitor.events.makeAsyncIterator()
        // The initial snapshot ends with the last reader's readerAdded; the slot is empty.
        var seen: Set<String> = []
        let readers = try Set(stack.context.readerNames())
        while seen != readers, let event = await events.next() {
            if case .readerAdded(let name) = event { seen.insert(name) }
        }
        let card = try stack.insert(.physician1, into: slot)
        var inserted: [UInt8]?
        while inserted == nil, let event = await events.next() {
            if case .cardInserted(slot.readerName, let atr) = event { inserted = atr }
        }
        #expect(inserted == card.atr)
        try stack.remove(from: slot)
        var removed = false
        while !removed, let event = await events.next() {
            if case .cardRemoved(slot.readerName) = event { removed = true }
        }
        #expect(removed)
    }

    @Test("a connection transmits APDUs and reports the card's state; a pulled card fails the next transmit")
    func transmitThenPull() throws {
        let card = try stack.insert(.nurse, into: slot)
        let connection = try stack.context.connect(to: slot.readerName)
        #expect(connection.atr == card.atr)
        #expect(connection.activeProtocol == .t0)
        #expect(try connection.status().isCardPresent)
        // SELECT the MF by path without an answer: 90 00.
        #expect(try connection.transmit([0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]) == [0x90, 0x00])
        try stack.remove(from: slot)
        #expect(throws: PCSCError.cardRemoved(reader: slot.readerName)) {
            try connection.transmit([0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00])
        }
        connection.disconnect()
    }
}
