import CPKCS11

/// What a token says about itself (`C_GetTokenInfo`): its label, manufacturer and serial number,
/// and the state of its user PIN.
public struct PKCS11TokenInfo: Sendable, Equatable {
    public let label: String
    public let manufacturer: String
    public let model: String
    public let serialNumber: String
    public let flags: Flags

    /// The token flags the vault reads.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt
        public init(rawValue: UInt) { self.rawValue = rawValue }

        public static let loginRequired = Flags(rawValue: UInt(CKF_LOGIN_REQUIRED))
        public static let userPINInitialized = Flags(rawValue: UInt(CKF_USER_PIN_INITIALIZED))
        public static let protectedAuthenticationPath = Flags(rawValue: UInt(CKF_PROTECTED_AUTHENTICATION_PATH))
        /// A wrong user PIN was presented since the last right one.
        public static let userPINCountLow = Flags(rawValue: UInt(CKF_USER_PIN_COUNT_LOW))
        /// One more wrong user PIN blocks it.
        public static let userPINFinalTry = Flags(rawValue: UInt(CKF_USER_PIN_FINAL_TRY))
        public static let userPINLocked = Flags(rawValue: UInt(CKF_USER_PIN_LOCKED))
    }
}

extension PKCS11Slot {
    /// The token in this slot, as it describes itself now.
    public func tokenInfo() throws(PKCS11Error) -> PKCS11TokenInfo {
        var info = CK_TOKEN_INFO()
        try module.call("C_GetTokenInfo") { $0.C_GetTokenInfo?(CK_SLOT_ID(id), &info) }
        return PKCS11TokenInfo(label: PaddedText.string(info.label), manufacturer: PaddedText.string(info.manufacturerID),
                               model: PaddedText.string(info.model), serialNumber: PaddedText.string(info.serialNumber),
                               flags: .init(rawValue: UInt(info.flags)))
    }
}
