import CPCSCLite

/// Whether other programs may use the card while this connection is open.
public enum ShareMode: Sendable {
    case shared, exclusive

    var raw: DWORD { DWORD(self == .shared ? SCARD_SHARE_SHARED : SCARD_SHARE_EXCLUSIVE) }
}

/// An ISO 7816-3 transmission protocol between reader and card.
public enum CardProtocol: Sendable, Hashable {
    case t0, t1

    /// The protocol pcsc-lite reports as active, or nil for one this module does not speak.
    init?(raw: DWORD) {
        switch raw {
        case DWORD(SCARD_PROTOCOL_T0): self = .t0
        case DWORD(SCARD_PROTOCOL_T1): self = .t1
        default: return nil
        }
    }

    var raw: DWORD { DWORD(self == .t0 ? SCARD_PROTOCOL_T0 : SCARD_PROTOCOL_T1) }

    /// The protocol bit mask that pcsc-lite takes for a set of acceptable protocols.
    static func mask(_ protocols: Set<CardProtocol>) -> DWORD {
        protocols.reduce(0) { $0 | $1.raw }
    }
}

/// What happens to the card when a connection ends.
public enum Disposition: Sendable {
    /// Leave the card as it is (its security state stays for the next connection).
    case leave
    /// Warm-reset the card, clearing its security state.
    case reset
    /// Power the card down.
    case unpower

    var raw: DWORD {
        switch self {
        case .leave: DWORD(SCARD_LEAVE_CARD)
        case .reset: DWORD(SCARD_RESET_CARD)
        case .unpower: DWORD(SCARD_UNPOWER_CARD)
        }
    }
}
