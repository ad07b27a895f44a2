import CPCSCLite
import Synchronization

/// An open connection to the card in one reader: one pcsc-lite card handle, used by one call at
/// a time, disconnected (leaving the card as it is) when the last reference goes away.
public final class CardConnection: Sendable {
    /// The reader the card is in.
    public let reader: String
    private let context: ContextHandle  // outlives the card handle made on it
    private let mode: ShareMode
    private let protocols: Set<CardProtocol>
    private let link: Mutex<Link>

    private struct Link {
        var handle: SCARDHANDLE?  // nil once disconnected
        var activeProtocol: CardProtocol
        var atr: [UInt8]
    }

    init(context: ContextHandle, reader: String, mode: ShareMode, protocols: Set<CardProtocol>) throws(PCSCError) {
        var handle: SCARDHANDLE = 0
        var active: DWORD = 0
        try check(
            SCardConnect(context.raw, reader, mode.raw, CardProtocol.mask(protocols), &handle, &active),
            "SCardConnect", reader: reader)
        do throws(PCSCError) {
            let (activeProtocol, atr) = try Self.session(of: handle, active: active, reader: reader)
            link = Mutex(Link(handle: handle, activeProtocol: activeProtocol, atr: atr))
        } catch {
            SCardDisconnect(handle, DWORD(SCARD_LEAVE_CARD))
            throw error
        }
        self.context = context
        self.reader = reader
        self.mode = mode
        self.protocols = protocols
    }

    deinit {
        disconnect()
    }

    /// The protocol negotiated with the card at connection (or the last reconnection).
    public var activeProtocol: CardProtocol { link.withLock { $0.activeProtocol } }

    /// The card's answer-to-reset, read at connection (or the last reconnection).
    public var atr: [UInt8] { link.withLock { $0.atr } }

    /// Sends one command APDU (short or extended) and returns the card's whole response,
    /// status word included.
    public func transmit(_ command: [UInt8]) throws(PCSCError) -> [UInt8] {
        try command.withUnsafeBytes { bytes in Result { () throws(PCSCError) in try transmit(sensitive: bytes) } }.get()
    }

    /// Sends one command APDU straight from `command`, which is not copied on this side of
    /// pcsc-lite: for commands that carry a secret, in a buffer the caller wipes.
    public func transmit(sensitive command: UnsafeRawBufferPointer) throws(PCSCError) -> [UInt8] {
        try link.withLock { link throws(PCSCError) in
            let handle = try self.handle(of: link, "SCardTransmit")
            var request = link.activeProtocol == .t0 ? g_rgSCardT0Pci : g_rgSCardT1Pci
            var response = [UInt8](repeating: 0, count: Int(cpcsclite_max_buffer_size_extended()))
            var length = DWORD(response.count)
            try check(
                SCardTransmit(handle, &request, command.baseAddress?.assumingMemoryBound(to: UInt8.self), DWORD(command.count),
                              nil, &response, &length),
                "SCardTransmit", reader: reader)
            return Array(response.prefix(Int(length)))
        }
    }

    /// Runs `body` while holding the card against every other connection to it, then ends the
    /// transaction leaving the card as it is; `body`'s error wins over the error of ending.
    public func withTransaction<R>(_ body: () throws -> R) throws -> R {
        try link.withLock { link throws(PCSCError) in
            let handle = try self.handle(of: link, "SCardBeginTransaction")
            try check(SCardBeginTransaction(handle), "SCardBeginTransaction", reader: reader)
        }
        let result: R
        do {
            result = try body()
        } catch {
            try? endTransaction()
            throw error
        }
        try endTransaction()
        return result
    }

    /// Reconnects to the card with the same share mode and protocols, warm-resetting it when
    /// `resetting` (which clears its security state); updates `activeProtocol` and `atr`.
    public func reconnect(resetting: Bool) throws(PCSCError) {
        try link.withLock { link throws(PCSCError) in
            let handle = try self.handle(of: link, "SCardReconnect")
            var active: DWORD = 0
            let initialization = DWORD(resetting ? SCARD_RESET_CARD : SCARD_LEAVE_CARD)
            try check(
                SCardReconnect(handle, mode.raw, CardProtocol.mask(protocols), initialization, &active),
                "SCardReconnect", reader: reader)
            (link.activeProtocol, link.atr) = try Self.session(of: handle, active: active, reader: reader)
        }
    }

    /// The reader's state as this connection sees it; throws `.cardRemoved` once the card has
    /// left the reader, even if another card is in it now.
    public func status() throws(PCSCError) -> ReaderState {
        try link.withLock { link throws(PCSCError) in
            let handle = try self.handle(of: link, "SCardStatus")
            let status = try Self.status(of: handle, reader: reader)
            let present = status.state & DWORD(SCARD_PRESENT) != 0
            return ReaderState(
                name: reader,
                isCardPresent: present,
                atr: status.atr,
                isExclusive: mode == .exclusive,
                isMute: present && status.state & DWORD(SCARD_POWERED) == 0
                    && status.state & DWORD(SCARD_SWALLOWED) != 0)
        }
    }

    /// Ends the connection, doing `disposition` to the card; later calls do nothing, and
    /// pcsc-lite's complaints (the card or reader already gone) are ignored.
    public func disconnect(_ disposition: Disposition = .leave) {
        link.withLock { link in
            guard let handle = link.handle else { return }
            SCardDisconnect(handle, disposition.raw)
            link.handle = nil
        }
    }

    private func endTransaction() throws(PCSCError) {
        try link.withLock { link throws(PCSCError) in
            let handle = try self.handle(of: link, "SCardEndTransaction")
            try check(SCardEndTransaction(handle, DWORD(SCARD_LEAVE_CARD)), "SCardEndTransaction", reader: reader)
        }
    }

    /// The open card handle, or the invalid-handle error once disconnected.
    private func handle(of link: Link, _ function: String) throws(PCSCError) -> SCARDHANDLE {
        guard let handle = link.handle else {
            throw PCSCError(returnCode: PCSCError.code(SCARD_E_INVALID_HANDLE), function: function, reader: reader)
        }
        return handle
    }

    /// The protocol and ATR of a card handle just connected with protocol `active`.
    private static func session(
        of handle: SCARDHANDLE, active: DWORD, reader: String
    ) throws(PCSCError) -> (CardProtocol, [UInt8]) {
        guard let activeProtocol = CardProtocol(raw: active) else {
            throw .unsupportedCard(reader: reader)
        }
        return (activeProtocol, try status(of: handle, reader: reader).atr)
    }

    /// `SCardStatus`: the reader state bits (`SCARD_PRESENT`, `SCARD_POWERED`…) and the ATR.
    private static func status(of handle: SCARDHANDLE, reader: String) throws(PCSCError) -> (state: DWORD, atr: [UInt8]) {
        var nameLength: DWORD = 0
        var state: DWORD = 0
        var activeProtocol: DWORD = 0
        var atr = [UInt8](repeating: 0, count: Int(MAX_ATR_SIZE))
        var atrLength = DWORD(atr.count)
        try check(
            SCardStatus(handle, nil, &nameLength, &state, &activeProtocol, &atr, &atrLength),
            "SCardStatus", reader: reader)
        return (state, Array(atr.prefix(Int(atrLength))))
    }
}
