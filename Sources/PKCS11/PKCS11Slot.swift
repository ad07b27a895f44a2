import CPKCS11

/// A slot of a PKCS#11 module: with a PC/SC middleware, one reader (or one token of a card that
/// the middleware splits into several). Its description names the reader.
public struct PKCS11Slot: Sendable {
    public let module: PKCS11Module
    public let id: UInt
    /// The slot description (`CKA_SLOT_INFO.slotDescription`): the reader's name, as far as
    /// its 64 bytes hold it.
    public let description: String
    public let hasToken: Bool

    /// The slots whose token is present, in the module's order; a module's placeholders for
    /// empty readers are left out. A card inserted between the count and the list (the module
    /// answers `CKR_BUFFER_TOO_SMALL`) makes it count again, a few times at most.
    public static func withToken(in module: PKCS11Module) throws(PKCS11Error) -> [PKCS11Slot] {
        var ids: [CK_SLOT_ID] = []
        var count: CK_ULONG = 0
        for _ in 0..<Self.listingAttempts {
            try module.call("C_GetSlotList") { $0.C_GetSlotList?(CK_BBOOL(CK_TRUE), nil, &count) }
            ids = [CK_SLOT_ID](repeating: 0, count: Int(count))
            let listed = module.answer { $0.C_GetSlotList?(CK_BBOOL(CK_TRUE), &ids, &count) }
            if listed == .bufferTooSmall { continue }
            guard listed == .ok else { throw .callFailed(function: "C_GetSlotList", module: module.path, returnValue: listed) }
            return try ids.prefix(Int(count)).map { (id) throws(PKCS11Error) -> PKCS11Slot in try PKCS11Slot(module: module, id: id) }
        }
        throw .callFailed(function: "C_GetSlotList", module: module.path, returnValue: .bufferTooSmall)
    }

    private static let listingAttempts = 4

    /// The slot `id` of `module`, as `C_GetSlotInfo` describes it now.
    public init(module: PKCS11Module, id: UInt) throws(PKCS11Error) {
        var info = CK_SLOT_INFO()
        try module.call("C_GetSlotInfo") { $0.C_GetSlotInfo?(CK_SLOT_ID(id), &info) }
        self.module = module
        self.id = id
        description = PaddedText.string(info.slotDescription)
        hasToken = info.flags & CK_FLAGS(CKF_TOKEN_PRESENT) != 0
    }

    /// Whether this slot is the reader `reader`: its description is the reader's name, or the
    /// start of it cut at the field's 64 bytes.
    public func isReader(_ reader: String) -> Bool {
        description == reader || (description.utf8.count >= 60 && reader.hasPrefix(description))
    }
}
