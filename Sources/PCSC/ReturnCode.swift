import CPCSCLite

extension PCSCError {
    /// The error for a pcsc-lite return code other than `SCARD_S_SUCCESS`, returned by `function`
    /// while working on `reader` (nil when no single reader was concerned).
    init(returnCode code: UInt32, function: String, reader: String?) {
        let reader = reader ?? ""
        switch code {
        case Self.code(SCARD_E_NO_SERVICE), Self.code(SCARD_E_SERVICE_STOPPED),
             Self.code(SCARD_F_COMM_ERROR), Self.code(SCARD_P_SHUTDOWN):
            self = .serviceUnavailable
        case Self.code(SCARD_E_NO_READERS_AVAILABLE):
            self = .noReaders
        case Self.code(SCARD_E_UNKNOWN_READER):
            self = .readerNotFound(reader)
        case Self.code(SCARD_E_NO_SMARTCARD):
            self = .noCard(reader: reader)
        case Self.code(SCARD_W_REMOVED_CARD):
            self = .cardRemoved(reader: reader)
        case Self.code(SCARD_W_RESET_CARD):
            self = .cardReset(reader: reader)
        case Self.code(SCARD_E_SHARING_VIOLATION):
            self = .sharingViolation(reader: reader)
        case Self.code(SCARD_W_UNRESPONSIVE_CARD), Self.code(SCARD_W_UNPOWERED_CARD):
            self = .unresponsiveCard(reader: reader)
        case Self.code(SCARD_W_UNSUPPORTED_CARD), Self.code(SCARD_E_CARD_UNSUPPORTED),
             Self.code(SCARD_E_PROTO_MISMATCH):
            self = .unsupportedCard(reader: reader)
        case Self.code(SCARD_E_TIMEOUT):
            self = .timeout
        case Self.code(SCARD_E_CANCELLED), Self.code(SCARD_E_SYSTEM_CANCELLED):
            self = .cancelled
        case Self.code(SCARD_E_READER_UNAVAILABLE), Self.code(SCARD_E_NOT_READY):
            self = .readerUnavailable(reader: reader)
        default:
            let text = pcsc_stringify_error(LONG(truncatingIfNeeded: code)).map { String(cString: $0) }
            self = .other(function: function, code: code, message: text ?? "unknown error")
        }
    }

    /// A pcsc-lite return code as the unsigned 32-bit value its documentation shows.
    static func code(_ value: LONG) -> UInt32 { UInt32(truncatingIfNeeded: value) }
}

/// Throws the error for `returnCode` unless it is `SCARD_S_SUCCESS`.
func check(_ returnCode: LONG, _ function: String, reader: String? = nil) throws(PCSCError) {
    guard returnCode != SCARD_S_SUCCESS else { return }
    throw PCSCError(returnCode: PCSCError.code(returnCode), function: function, reader: reader)
}
