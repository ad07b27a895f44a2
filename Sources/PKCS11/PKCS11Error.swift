/// Why a PKCS#11 module could not be used, each with what to do about it. No case carries a
/// PIN or key material.
public enum PKCS11Error: Error, CustomStringConvertible, Equatable, Sendable {
    /// No file at the module's path.
    case moduleNotFound(path: String)
    /// The file is not a shared library, or exports no PKCS#11 function list.
    case notAModule(path: String, reason: String)
    /// The module's C_Initialize failed.
    case initializationFailed(path: String, returnValue: PKCS11ReturnValue)
    /// A call other than C_Initialize failed with a value the caller does not handle itself.
    case callFailed(function: String, module: String, returnValue: PKCS11ReturnValue)
    /// The session was closed (its token left, or the vault ended it) before this call.
    case sessionClosed(module: String)

    public var description: String {
        switch self {
        case .moduleNotFound(let path):
            "There is no PKCS#11 module at \(path): give the path of the card middleware's module (e.g. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so from the opensc-pkcs11 package), or leave out --pkcs11-module to reach the card through PC/SC."
        case .notAModule(let path, let reason):
            "\(path) is not a PKCS#11 module (\(reason)): give the path of the card middleware's module, a shared library that exports C_GetFunctionList."
        case .initializationFailed(let path, let returnValue):
            "The PKCS#11 module \(path) failed to start (C_Initialize answered \(returnValue)): check that its middleware is installed and configured (for OpenSC, opensc.conf) and that pcscd runs."
        case .callFailed(let function, let module, let returnValue):
            "The PKCS#11 module \(module) answered \(returnValue) to \(function): remove and reinsert the card and try again; if it persists, try the card without --pkcs11-module."
        case .sessionClosed(let module):
            "The session with the card through \(module) was closed (the card left its reader): insert the card and start again."
        }
    }
}
