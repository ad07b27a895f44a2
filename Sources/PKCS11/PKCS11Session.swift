import CPKCS11
import Synchronization

/// A read-only session with the token of one slot. Calls through it are serialised (an
/// operation's init and its final call go together); once closed, by `close()` or because the
/// token left, every call throws `PKCS11Error.sessionClosed`.
public final class PKCS11Session: Sendable {
    public let slot: PKCS11Slot
    private let handle: Mutex<CK_SESSION_HANDLE?>

    /// Opens a serial, read-only session with the token in `slot`.
    public init(slot: PKCS11Slot) throws(PKCS11Error) {
        var opened: CK_SESSION_HANDLE = 0
        try slot.module.call("C_OpenSession") {
            $0.C_OpenSession?(CK_SLOT_ID(slot.id), CK_FLAGS(CKF_SERIAL_SESSION), nil, nil, &opened)
        }
        self.slot = slot
        handle = Mutex(opened)
    }

    deinit {
        close()
    }

    var module: PKCS11Module { slot.module }

    /// Closes the session (the module logs the user out with its last session); later calls
    /// throw `sessionClosed`. Closing twice does nothing.
    public func close() {
        guard let closing = handle.withLock({ current -> CK_SESSION_HANDLE? in
            defer { current = nil }
            return current
        }) else { return }
        _ = slot.module.answer { $0.C_CloseSession?(closing) }
    }

    /// Whether the user is logged in on this session.
    public var isLoggedIn: Bool {
        get throws(PKCS11Error) {
            var info = CK_SESSION_INFO()
            try withHandle { (session) throws(PKCS11Error) in
                try module.call("C_GetSessionInfo") { $0.C_GetSessionInfo?(session, &info) }
            }
            return info.state == CK_STATE(CKS_RO_USER_FUNCTIONS) || info.state == CK_STATE(CKS_RW_USER_FUNCTIONS)
        }
    }

    /// Runs `body` with the open session's handle, holding it for the whole body. A call that
    /// answers that the token or the session is gone closes the session.
    func withHandle<T>(_ body: (CK_SESSION_HANDLE) throws(PKCS11Error) -> T) throws(PKCS11Error) -> T {
        do {
            return try handle.withLock { (current) throws(PKCS11Error) -> T in
                guard let session = current else { throw .sessionClosed(module: module.path) }
                return try body(session)
            }
        } catch .callFailed(_, _, let returnValue) where returnValue.meansTokenGone {
            close()
            throw .sessionClosed(module: module.path)
        }
    }
}
