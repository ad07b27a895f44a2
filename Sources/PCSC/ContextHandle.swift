import CPCSCLite

/// One `SCARDCONTEXT` in the system scope, released when this object goes away.
///
/// pcsc-lite serialises the calls made on one context (a blocked `SCardGetStatusChange` holds it),
/// so blocking waits get a context of their own.
final class ContextHandle: Sendable {
    let raw: SCARDCONTEXT

    init() throws(PCSCError) {
        var raw: SCARDCONTEXT = 0
        try check(SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &raw), "SCardEstablishContext")
        self.raw = raw
    }

    deinit {
        SCardReleaseContext(raw)
    }

    /// The names of the readers pcscd knows now; empty when it has none.
    func readerNames() throws(PCSCError) -> [String] {
        while true {
            var length: DWORD = 0
            var returnCode = SCardListReaders(raw, nil, nil, &length)
            if returnCode == SCARD_E_NO_READERS_AVAILABLE { return [] }
            try check(returnCode, "SCardListReaders")
            var buffer = [CChar](repeating: 0, count: Int(length))
            returnCode = SCardListReaders(raw, nil, &buffer, &length)
            switch returnCode {
            case SCARD_E_NO_READERS_AVAILABLE:
                return []
            case SCARD_E_INSUFFICIENT_BUFFER:
                continue  // a reader appeared between the two calls
            default:
                try check(returnCode, "SCardListReaders")
                return Self.multiString(buffer.prefix(Int(length)))
            }
        }
    }

    /// Ends the `SCardGetStatusChange` blocked on this context, if any; does nothing otherwise.
    func cancel() {
        SCardCancel(raw)
    }

    /// The strings of a pcsc-lite multi-string ("a\0b\0\0").
    private static func multiString(_ bytes: ArraySlice<CChar>) -> [String] {
        bytes.split(separator: 0).map { name in
            String(decoding: name.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
