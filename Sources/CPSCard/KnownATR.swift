/// A CPS card type told by its ATR, from public sources: the generation, the interface and the
/// name the issuer's middleware gives it.
///
/// CPS4 ATRs are matched exactly, as the issuer's middleware does. CPS3 ATRs are matched
/// through a mask, as OpenSC does, ignoring the bytes that vary between batches; the exact CPS4
/// entries come first because the CPS3 contact mask also matches the T=0-only CPS4 ATR.
public struct KnownATR: Sendable, Equatable {
    public let name: String
    public let generation: CardGeneration
    public let interface: CardInterface
    private let atr: [UInt8]
    private let mask: [UInt8]

    private init(_ name: String, _ generation: CardGeneration, _ interface: CardInterface, atr: [UInt8], mask: [UInt8]? = nil) {
        self.name = name
        self.generation = generation
        self.interface = interface
        self.atr = atr
        self.mask = mask ?? [UInt8](repeating: 0xFF, count: atr.count)
    }

    /// The known card type whose ATR matches `atr`, or nil for an ATR no public source names.
    public static func matching(_ atr: [UInt8]) -> KnownATR? {
        all.first { $0.matches(atr) }
    }

    /// True when the whole ATR must match; false when a mask leaves bytes free (CPS3), so that
    /// another card, a CPS4 of a new batch among them, may match too.
    public var isExact: Bool { mask.allSatisfy { $0 == 0xFF } }

    /// "CPS3 (contact)", "CPS4 (contact)": how listings name the card.
    public var cardType: String { "\(generation.rawValue) (\(interface.rawValue))" }

    private func matches(_ candidate: [UInt8]) -> Bool {
        candidate.count == atr.count && zip(zip(candidate, atr), mask).allSatisfy { pair, mask in
            pair.0 & mask == pair.1 & mask
        }
    }

    static let all: [KnownATR] = [
        KnownATR("CPS4", .cps4, .contact,
                 atr: [0x3B, 0x9B, 0x18, 0x80, 0x01, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x04, 0x01, 0x00, 0x00, 0x90, 0x44]),
        KnownATR("CPS4 release candidate", .cps4, .contact,
                 atr: [0x3B, 0x9B, 0x18, 0x80, 0x01, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x04, 0x01, 0x00, 0x90, 0x44]),
        KnownATR("CPS4 release candidate, T=0 only", .cps4, .contact,
                 atr: [0x3B, 0xDC, 0x18, 0xFF, 0x00, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x04, 0x01, 0x00, 0x90, 0x00]),
        KnownATR("CPS3 contactless", .cps3, .contactless,
                 atr: [0x3B, 0x8F, 0x80, 0x01, 0x00, 0x31, 0xB8, 0x64, 0x04, 0xB0, 0xEC, 0xC1, 0x73, 0x94, 0x01, 0x80, 0x82, 0x90, 0x00, 0x0E],
                 mask: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0xFF, 0xC0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
        KnownATR("CPS3 contact", .cps3, .contact,
                 atr: [0x3B, 0xAC, 0x00, 0x40, 0x2A, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10, 0x00, 0x90, 0x00],
                 mask: [0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF]),
    ]
}
