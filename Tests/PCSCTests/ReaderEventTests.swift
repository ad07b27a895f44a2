@testable import PCSC
import Testing

@Suite("Reader events from consecutive readings")
struct ReaderEventTests {
    static let name = "CPS Reader A 00 00"
    static let atr: [UInt8] = [0x3B, 0x8F, 0x80, 0x01]
    static let empty = reading(present: false, count: 0)
    static let present = reading(present: true, count: 1)

    static func reading(present: Bool, count: UInt16, atr: [UInt8] = atr) -> ReaderStateSet.Reading {
        ReaderStateSet.Reading(
            state: ReaderState(name: name, isCardPresent: present, atr: present ? atr : [], isExclusive: false, isMute: false),
            eventCount: count, isUnknown: false)
    }

    static let cases: [(old: ReaderStateSet.Reading?, new: ReaderStateSet.Reading, events: [ReaderEvent])] = [
        (nil, empty, [.readerAdded(name)]),
        (nil, present, [.readerAdded(name), .cardInserted(reader: name, atr: atr)]),
        (empty, empty, []),
        (present, present, []),
        (empty, present, [.cardInserted(reader: name, atr: atr)]),
        (present, reading(present: false, count: 2), [.cardRemoved(reader: name)]),
        // removed and reinserted between two calls: only the event counter shows it
        (present, reading(present: true, count: 3, atr: [0x3B, 0x00]),
         [.cardRemoved(reader: name), .cardInserted(reader: name, atr: [0x3B, 0x00])]),
        (reading(present: true, count: 0xFFFF), reading(present: true, count: 1),
         [.cardRemoved(reader: name), .cardInserted(reader: name, atr: atr)]),
        // inserted and removed again between two calls: nothing to report
        (empty, reading(present: false, count: 2), []),
    ]

    @Test("changes between two readings", arguments: cases)
    func changes(old: ReaderStateSet.Reading?, new: ReaderStateSet.Reading, events: [ReaderEvent]) {
        #expect(ReaderEvent.changes(from: old, to: new) == events)
    }

    @Test("a reader that disappears with a card in it reports the card removed first")
    func departure() {
        #expect(ReaderEvent.departure(of: Self.present) == [.cardRemoved(reader: Self.name), .readerRemoved(Self.name)])
        #expect(ReaderEvent.departure(of: Self.empty) == [.readerRemoved(Self.name)])
    }
}
