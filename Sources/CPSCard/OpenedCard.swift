import PCSC

/// A CPS card connected in a reader, identified and its driver ready.
public struct OpenedCard: Sendable {
    public let reader: String
    public let atr: [UInt8]
    public let identification: CardIdentification
    public let connection: CardConnection
    public let driver: any CPSCardDriver

    /// Connects to the card in `reader` and picks its driver as `CardIdentification.identify`
    /// says, inside one transaction.
    public static func open(_ reader: ReaderState, context: PCSCContext, mode: ShareMode = .shared) throws -> OpenedCard {
        guard reader.isCardPresent else { throw PCSCError.noCard(reader: reader.name) }
        let connection = try context.connect(to: reader.name, mode: mode)
        let atr = connection.atr
        let (identification, driver) = try connection.withTransaction {
            try CardIdentification.identify(atr: atr, reader: reader.name, channel: connection)
        }
        return OpenedCard(reader: reader.name, atr: atr, identification: identification, connection: connection, driver: driver)
    }
}
