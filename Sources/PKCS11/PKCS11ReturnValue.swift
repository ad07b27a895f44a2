import CPKCS11

/// A PKCS#11 return value (`CK_RV`), named as the standard names it.
public struct PKCS11ReturnValue: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt

    public init(_ rawValue: UInt) {
        self.rawValue = rawValue
    }

    public static let ok = Self(UInt(CKR_OK))
    public static let functionNotSupported = Self(UInt(CKR_FUNCTION_NOT_SUPPORTED))
    public static let alreadyInitialized = Self(UInt(CKR_CRYPTOKI_ALREADY_INITIALIZED))
    public static let pinIncorrect = Self(UInt(CKR_PIN_INCORRECT))
    public static let pinLocked = Self(UInt(CKR_PIN_LOCKED))
    public static let userAlreadyLoggedIn = Self(UInt(CKR_USER_ALREADY_LOGGED_IN))
    public static let mechanismInvalid = Self(UInt(CKR_MECHANISM_INVALID))
    public static let keyFunctionNotPermitted = Self(UInt(CKR_KEY_FUNCTION_NOT_PERMITTED))
    public static let keyTypeInconsistent = Self(UInt(CKR_KEY_TYPE_INCONSISTENT))
    public static let attributeTypeInvalid = Self(UInt(CKR_ATTRIBUTE_TYPE_INVALID))
    public static let attributeSensitive = Self(UInt(CKR_ATTRIBUTE_SENSITIVE))
    public static let noEvent = Self(UInt(CKR_NO_EVENT))
    public static let bufferTooSmall = Self(UInt(CKR_BUFFER_TOO_SMALL))

    /// The values by which a module says the token left its slot, or the session it held ended.
    public var meansTokenGone: Bool {
        [CKR_DEVICE_REMOVED, CKR_TOKEN_NOT_PRESENT, CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED,
         CKR_TOKEN_NOT_RECOGNIZED].map(UInt.init).contains(rawValue)
    }

    /// The values by which a module says it does not do this operation with this key.
    public var meansNotSupported: Bool {
        [Self.functionNotSupported, .mechanismInvalid, .keyFunctionNotPermitted, .keyTypeInconsistent].contains(self)
    }

    public var description: String {
        let name = Self.names[rawValue].map { "CKR_\($0)" } ?? "CKR_VENDOR_DEFINED or unknown"
        return "\(name) (0x\(String(rawValue, radix: 16)))"
    }

    private static let names: [UInt: String] = [
        UInt(CKR_OK): "OK", UInt(CKR_CANCEL): "CANCEL", UInt(CKR_HOST_MEMORY): "HOST_MEMORY",
        UInt(CKR_SLOT_ID_INVALID): "SLOT_ID_INVALID", UInt(CKR_GENERAL_ERROR): "GENERAL_ERROR",
        UInt(CKR_FUNCTION_FAILED): "FUNCTION_FAILED", UInt(CKR_ARGUMENTS_BAD): "ARGUMENTS_BAD",
        UInt(CKR_NO_EVENT): "NO_EVENT", UInt(CKR_CANT_LOCK): "CANT_LOCK",
        UInt(CKR_ATTRIBUTE_SENSITIVE): "ATTRIBUTE_SENSITIVE", UInt(CKR_ATTRIBUTE_TYPE_INVALID): "ATTRIBUTE_TYPE_INVALID",
        UInt(CKR_DATA_INVALID): "DATA_INVALID", UInt(CKR_DATA_LEN_RANGE): "DATA_LEN_RANGE",
        UInt(CKR_DEVICE_ERROR): "DEVICE_ERROR", UInt(CKR_DEVICE_MEMORY): "DEVICE_MEMORY",
        UInt(CKR_DEVICE_REMOVED): "DEVICE_REMOVED", UInt(CKR_ENCRYPTED_DATA_INVALID): "ENCRYPTED_DATA_INVALID",
        UInt(CKR_ENCRYPTED_DATA_LEN_RANGE): "ENCRYPTED_DATA_LEN_RANGE", UInt(CKR_FUNCTION_CANCELED): "FUNCTION_CANCELED",
        UInt(CKR_FUNCTION_NOT_SUPPORTED): "FUNCTION_NOT_SUPPORTED", UInt(CKR_KEY_HANDLE_INVALID): "KEY_HANDLE_INVALID",
        UInt(CKR_KEY_TYPE_INCONSISTENT): "KEY_TYPE_INCONSISTENT", UInt(CKR_KEY_FUNCTION_NOT_PERMITTED): "KEY_FUNCTION_NOT_PERMITTED",
        UInt(CKR_MECHANISM_INVALID): "MECHANISM_INVALID", UInt(CKR_MECHANISM_PARAM_INVALID): "MECHANISM_PARAM_INVALID",
        UInt(CKR_OBJECT_HANDLE_INVALID): "OBJECT_HANDLE_INVALID", UInt(CKR_OPERATION_ACTIVE): "OPERATION_ACTIVE",
        UInt(CKR_OPERATION_NOT_INITIALIZED): "OPERATION_NOT_INITIALIZED", UInt(CKR_PIN_INCORRECT): "PIN_INCORRECT",
        UInt(CKR_PIN_INVALID): "PIN_INVALID", UInt(CKR_PIN_LEN_RANGE): "PIN_LEN_RANGE", UInt(CKR_PIN_LOCKED): "PIN_LOCKED",
        UInt(CKR_SESSION_CLOSED): "SESSION_CLOSED", UInt(CKR_SESSION_HANDLE_INVALID): "SESSION_HANDLE_INVALID",
        UInt(CKR_SESSION_READ_ONLY): "SESSION_READ_ONLY", UInt(CKR_TOKEN_NOT_PRESENT): "TOKEN_NOT_PRESENT",
        UInt(CKR_TOKEN_NOT_RECOGNIZED): "TOKEN_NOT_RECOGNIZED", UInt(CKR_USER_ALREADY_LOGGED_IN): "USER_ALREADY_LOGGED_IN",
        UInt(CKR_USER_NOT_LOGGED_IN): "USER_NOT_LOGGED_IN", UInt(CKR_USER_PIN_NOT_INITIALIZED): "USER_PIN_NOT_INITIALIZED",
        UInt(CKR_USER_TYPE_INVALID): "USER_TYPE_INVALID", UInt(CKR_BUFFER_TOO_SMALL): "BUFFER_TOO_SMALL",
        UInt(CKR_CRYPTOKI_NOT_INITIALIZED): "CRYPTOKI_NOT_INITIALIZED",
        UInt(CKR_CRYPTOKI_ALREADY_INITIALIZED): "CRYPTOKI_ALREADY_INITIALIZED",
    ]
}
