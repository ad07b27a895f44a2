/// A change in the set of readers or in the card one of them holds.
public enum ReaderEvent: Sendable, Hashable {
    case readerAdded(String)
    case readerRemoved(String)
    case cardInserted(reader: String, atr: [UInt8])
    case cardRemoved(reader: String)

    /// The events that lead from `old` (nil for a reader not seen before) to `new`, one reader's
    /// consecutive readings. A card still present whose event counter moved was swapped, so it
    /// gives a removal then an insertion; a card inserted and removed in between gives nothing.
    static func changes(from old: ReaderStateSet.Reading?, to new: ReaderStateSet.Reading) -> [ReaderEvent] {
        let name = new.state.name
        let inserted = ReaderEvent.cardInserted(reader: name, atr: new.state.atr)
        guard let old else {
            return [.readerAdded(name)] + (new.state.isCardPresent ? [inserted] : [])
        }
        switch (old.state.isCardPresent, new.state.isCardPresent) {
        case (false, true):
            return [inserted]
        case (true, false):
            return [.cardRemoved(reader: name)]
        case (true, true) where old.eventCount != new.eventCount:
            return [.cardRemoved(reader: name), inserted]
        default:
            return []
        }
    }

    /// The events for a reader that has disappeared, last seen as `last`.
    static func departure(of last: ReaderStateSet.Reading) -> [ReaderEvent] {
        let name = last.state.name
        return (last.state.isCardPresent ? [.cardRemoved(reader: name)] : []) + [.readerRemoved(name)]
    }
}
