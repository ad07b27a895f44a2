import PCSC
import PKCS11

/// A CPS card connected in a reader, identified and its driver ready: through PC/SC with the
/// vault's own drivers, or through a card middleware's PKCS#11 module.
public struct OpenedCard: Sendable {
    public let reader: String
    /// The card's ATR, as pcscd reports it for the reader; empty when pcscd does not know the reader.
    public let atr: [UInt8]
    public let identification: CardIdentification
    /// The PC/SC connection; nil for a card reached through a PKCS#11 module, which keeps its own.
    public let connection: CardConnection?
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

    /// Opens the token that `module` holds for `reader` (`PKCS11TokenChoice`), with a session of
    /// its own. The reader is the slot's description, which a PC/SC middleware sets to the
    /// reader's name: the vault watches that reader for the card leaving.
    public static func open(module: PKCS11Module, reader: String?) throws -> OpenedCard {
        let slot = try PKCS11TokenChoice.resolve(reader, in: module)
        let driver = try PKCS11CardDriver(slot: slot)
        let atr = (try? PCSCContext().states(of: [slot.description]).first?.atr) ?? nil
        return OpenedCard(reader: slot.description, atr: atr ?? [],
                          identification: .token(driver.token, module: module), connection: nil, driver: driver)
    }

    /// Runs `body` in one PC/SC transaction on the card, so that no other program's commands
    /// come between; through a PKCS#11 module, which serialises its own calls, it just runs it.
    public func withTransaction<T>(_ body: () throws -> T) throws -> T {
        guard let connection else { return try body() }
        return try connection.withTransaction(body)
    }
}
