import CPKCS11
@_spi(SecretBytesAccess) import VaultCrypto

extension PKCS11Session {
    /// What `C_Login` answered to a PIN.
    public enum LoginAnswer: Sendable, Equatable {
        case loggedIn
        case pinIncorrect
        case pinLocked
    }

    /// Logs the user in with `pin`, once: the module's own answer to a wrong or blocked PIN is
    /// returned, never retried. A session already logged in (the module shares the login among
    /// its sessions) counts as logged in.
    public func logIn(pin: SecretBytes) throws(PKCS11Error) -> LoginAnswer {
        let returnValue = try withHandle { (session) throws(PKCS11Error) -> PKCS11ReturnValue in
            pin.withUnsafeBytes { digits in
                let bytes = UnsafeMutablePointer(mutating: digits.bindMemory(to: UInt8.self).baseAddress)
                return module.answer { $0.C_Login?(session, CK_USER_TYPE(CKU_USER), bytes, CK_ULONG(digits.count)) }
            }
        }
        return try answer(returnValue, of: "C_Login")
    }

    /// Replaces the user PIN (`C_SetPIN`): the token checks `old` once.
    public func changePIN(from old: SecretBytes, to new: SecretBytes) throws(PKCS11Error) -> LoginAnswer {
        let returnValue = try withHandle { (session) throws(PKCS11Error) -> PKCS11ReturnValue in
            old.withUnsafeBytes { oldDigits in
                new.withUnsafeBytes { newDigits in
                    let oldBytes = UnsafeMutablePointer(mutating: oldDigits.bindMemory(to: UInt8.self).baseAddress)
                    let newBytes = UnsafeMutablePointer(mutating: newDigits.bindMemory(to: UInt8.self).baseAddress)
                    return module.answer {
                        $0.C_SetPIN?(session, oldBytes, CK_ULONG(oldDigits.count), newBytes, CK_ULONG(newDigits.count))
                    }
                }
            }
        }
        return try answer(returnValue, of: "C_SetPIN")
    }

    /// The answer to a call that carried a PIN; any value but those of a PIN throws.
    private func answer(_ returnValue: PKCS11ReturnValue, of function: String) throws(PKCS11Error) -> LoginAnswer {
        switch returnValue {
        case .ok, .userAlreadyLoggedIn: return .loggedIn
        case .pinIncorrect: return .pinIncorrect
        case .pinLocked: return .pinLocked
        case let value where value.meansTokenGone:
            close()
            throw .sessionClosed(module: module.path)
        default: throw .callFailed(function: function, module: module.path, returnValue: returnValue)
        }
    }
}
