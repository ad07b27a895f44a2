/// A snapshot of one reader: whether a card is in it, the card's answer-to-reset, and how it is held.
public struct ReaderState: Sendable, Hashable {
    /// The reader's name as pcscd lists it.
    public var name: String
    /// A card is in the reader (it may still be mute).
    public var isCardPresent: Bool
    /// The card's answer-to-reset; empty when no card is present or it did not answer.
    public var atr: [UInt8]
    /// Some program holds the card exclusively.
    public var isExclusive: Bool
    /// A card is present but did not answer the reset.
    public var isMute: Bool

    public init(name: String, isCardPresent: Bool, atr: [UInt8], isExclusive: Bool, isMute: Bool) {
        self.name = name
        self.isCardPresent = isCardPresent
        self.atr = atr
        self.isExclusive = isExclusive
        self.isMute = isMute
    }
}
