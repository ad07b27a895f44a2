import SmartCard

/// How CPS cards of either generation answer the PIN commands: VERIFY without data tells the
/// state without spending a try; VERIFY and CHANGE REFERENCE DATA with a PIN answer `90 00`,
/// `63 Cx` (x tries left) or `69 83` (blocked).
enum PINAnswer {
    /// The PIN's state from the answer to VERIFY without data.
    static func status(_ response: ResponseAPDU) throws -> PINStatus {
        switch response.status {
        case .success: return .verified
        case .authenticationMethodBlocked: return .blocked
        case let status where status.verificationTriesLeft != nil:
            return .triesLeft(status.verificationTriesLeft ?? 0)
        case let status:
            throw CPSCardError.cardRefused(operation: "the PIN status query", status: status)
        }
    }

    /// Checks the answer to a command that carried a PIN; `serial` is read only to name a
    /// blocked card.
    static func check(_ response: ResponseAPDU, operation: String, serial: () throws -> [UInt8]) throws {
        switch response.status {
        case .success:
            return
        case .authenticationMethodBlocked:
            throw CPSCardError.pinBlocked(serial: try serial().hexString)
        case let status where status.verificationTriesLeft != nil:
            throw CPSCardError.wrongPIN(triesLeft: status.verificationTriesLeft ?? 0)
        case let status:
            throw CPSCardError.cardRefused(operation: operation, status: status)
        }
    }
}
