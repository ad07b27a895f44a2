import SmartCard

/// A `CardChannel` straight to a simulated card in the same process, with no reader in between:
/// for unit tests of card code. The real path goes through pcscd and vpcd.
public final class InProcessCardChannel: CardChannel {
    public let card: SimulatedCard

    public init(card: SimulatedCard) {
        self.card = card
    }

    public var transmissionProtocol: TransmissionProtocol { .t0 }

    public func transmit(_ command: [UInt8]) throws -> [UInt8] {
        card.process(command)
    }

    /// The simulated card reads the command as a card would, from its own copy.
    public func transmit(sensitive command: UnsafeRawBufferPointer) throws -> [UInt8] {
        card.process(Array(command))
    }
}
