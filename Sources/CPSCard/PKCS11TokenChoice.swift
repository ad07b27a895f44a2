import PCSC
import PKCS11

/// How a command picks the token of a PKCS#11 module: by reader, as `ReaderChoice` does, the
/// slot description being the reader's name (a reader index counts in pcscd's readers); by
/// default the only reader whose slot holds a token.
///
/// Middleware conventions handled: ANS's Cryptolib has one slot per reader and hides readers
/// without a card; OpenSC may give one card several tokens (one per PKCS#15 application; a
/// CPS3's contactless application has no PIN), of which the token with a user PIN is taken.
public enum PKCS11TokenChoice {
    /// The slot with the card's token for `argument` (a reader name or index), or for the only
    /// reader with a card when nil.
    public static func resolve(_ argument: String?, in module: PKCS11Module) throws -> PKCS11Slot {
        let slots = try PKCS11Slot.withToken(in: module)
        let reader = try argument.map(readerName)
        let candidates = reader.map { name in slots.filter { $0.isReader(name) } } ?? slots
        var readers: [(name: String, slots: [PKCS11Slot])] = []
        for slot in candidates {
            if let index = readers.firstIndex(where: { $0.name == slot.description }) {
                readers[index].slots.append(slot)
            } else {
                readers.append((slot.description, [slot]))
            }
        }
        switch readers.count {
        case 0: throw CPSCardError.noToken(reader: reader, module: module.path)
        case 1: return try tokenWithPIN(readers[0].slots)
        default: throw CPSCardError.severalCards(readers: readers.map(\.name))
        }
    }

    /// Of one reader's slots, the first whose token has a user PIN, else the first.
    private static func tokenWithPIN(_ slots: [PKCS11Slot]) throws -> PKCS11Slot {
        for slot in slots where try slot.tokenInfo().flags.isSuperset(of: [.loginRequired, .userPINInitialized]) {
            return slot
        }
        return slots[0]
    }

    /// The reader `argument` names: an index in pcscd's readers (as `cpsvault readers` shows
    /// them) when it is a number pcscd can resolve, else the name itself.
    private static func readerName(_ argument: String) throws -> String {
        guard let index = Int(argument), let names = try? PCSCContext().readerNames() else { return argument }
        guard names.indices.contains(index) else { throw CPSCardError.readerIndexOutOfRange(index, count: names.count) }
        return names[index]
    }
}
