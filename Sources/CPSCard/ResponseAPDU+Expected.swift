import SmartCard

extension ResponseAPDU {
    /// The response data when the card answered `90 00`; otherwise throws
    /// `CPSCardError.cardRefused` naming `operation`.
    func expectSuccess(_ operation: String) throws -> [UInt8] {
        guard status == .success else {
            throw CPSCardError.cardRefused(operation: operation, status: status)
        }
        return data
    }
}
