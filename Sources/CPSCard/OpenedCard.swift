import PCSC

/// A CPS card connected in a reader, its generation told from the ATR and its driver ready.
public struct OpenedCard: Sendable {
    public let reader: String
    public let atr: [UInt8]
    public let generation: CardGeneration
    public let connection: CardConnection
    public let driver: any CPSCardDriver

    /// Connects to the card in `reader` and picks its driver; a card that is not a CPS, or a
    /// generation this version cannot drive, is refused before any command is sent.
    public static func open(_ reader: ReaderState, context: PCSCContext, mode: ShareMode = .shared) throws -> OpenedCard {
        guard reader.isCardPresent else { throw PCSCError.noCard(reader: reader.name) }
        let connection = try context.connect(to: reader.name, mode: mode)
        let atr = connection.atr
        guard let generation = CardGeneration(atr: atr) else {
            throw CPSCardError.notACPSCard(reader: reader.name, atr: atr)
        }
        guard generation == .cps3Contact else {
            throw CPSCardError.unsupportedGeneration(generation, reader: reader.name)
        }
        let driver = try connection.withTransaction { try CPS3ContactDriver(channel: connection) }
        return OpenedCard(reader: reader.name, atr: atr, generation: generation, connection: connection, driver: driver)
    }
}
