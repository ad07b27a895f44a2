import PCSC

/// How a command picks its reader: by name, by index in `cpsvault readers`, or by default the
/// only reader that holds a card.
public enum ReaderChoice {
    /// The state of the reader `argument` names (a full name or an index), or of the only reader
    /// with a card when `argument` is nil.
    public static func resolve(_ argument: String?, in context: PCSCContext) throws -> ReaderState {
        let states = try context.states()
        guard !states.isEmpty else { throw PCSCError.noReaders }
        if let argument {
            if let state = states.first(where: { $0.name == argument }) { return state }
            if let index = Int(argument) {
                let names = try context.readerNames()
                guard names.indices.contains(index) else {
                    throw CPSCardError.readerIndexOutOfRange(index, count: names.count)
                }
                if let state = states.first(where: { $0.name == names[index] }) { return state }
            }
            throw PCSCError.readerNotFound(argument)
        }
        let withCard = states.filter(\.isCardPresent)
        switch withCard.count {
        case 0: throw CPSCardError.noReaderWithCard
        case 1: return withCard[0]
        default: throw CPSCardError.severalCards(readers: withCard.map(\.name))
        }
    }
}
