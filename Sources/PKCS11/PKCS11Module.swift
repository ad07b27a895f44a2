import CPKCS11
import Foundation
import Synchronization

/// A PKCS#11 module (a card middleware's shared library) loaded with `dlopen`, reached through
/// the function list its `C_GetFunctionList` gives, and initialised once for the process with
/// the operating system's locking (its calls may come from several threads). A module stays
/// loaded and initialised until the process ends: it is never finalised under sessions that
/// still use it.
public final class PKCS11Module: @unchecked Sendable {
    /// The path the module was loaded from, as given.
    public let path: String
    /// The module's own description of itself (`C_GetInfo`): manufacturer and library.
    public let libraryDescription: String
    let functions: CK_FUNCTION_LIST

    /// Modules already loaded in this process, by resolved path: a second `C_Initialize` is an
    /// error for most modules.
    private static let loaded = Mutex<[String: PKCS11Module]>([:])

    private init(path: String, functions: CK_FUNCTION_LIST) throws(PKCS11Error) {
        self.path = path
        self.functions = functions
        var info = CK_INFO()
        let returnValue = PKCS11ReturnValue(functions.C_GetInfo?(&info) ?? CK_RV(CKR_FUNCTION_NOT_SUPPORTED))
        libraryDescription = returnValue == .ok
            ? "\(PaddedText.string(info.manufacturerID)) \(PaddedText.string(info.libraryDescription))"
            : path
    }

    /// The module at `path`, loaded and initialised on first use. Throws `moduleNotFound` when
    /// there is no file, `notAModule` when it does not load or exports no function list, and
    /// `initializationFailed` when its `C_Initialize` fails.
    public static func load(_ path: String) throws(PKCS11Error) -> PKCS11Module {
        guard FileManager.default.fileExists(atPath: path) else { throw .moduleNotFound(path: path) }
        let key = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return try loaded.withLock { (modules) throws(PKCS11Error) -> PKCS11Module in
            if let module = modules[key] { return module }
            let module = try PKCS11Module(path: path, functions: open(path))
            modules[key] = module
            return module
        }
    }

    /// Loads the library, takes its function list and initialises it.
    private static func open(_ path: String) throws(PKCS11Error) -> CK_FUNCTION_LIST {
        guard let library = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "dlopen failed"
            throw .notAModule(path: path, reason: reason)
        }
        guard let symbol = dlsym(library, "C_GetFunctionList") else {
            dlclose(library)
            throw .notAModule(path: path, reason: "it exports no C_GetFunctionList")
        }
        let getFunctionList = unsafeBitCast(symbol, to: CK_C_GetFunctionList.self)
        var list: UnsafeMutablePointer<CK_FUNCTION_LIST>?
        let listed = PKCS11ReturnValue(getFunctionList(&list))
        guard listed == .ok, let list, let initialize = list.pointee.C_Initialize else {
            dlclose(library)
            throw .notAModule(path: path, reason: "C_GetFunctionList answered \(listed)")
        }
        var arguments = CK_C_INITIALIZE_ARGS()
        arguments.flags = CK_FLAGS(CKF_OS_LOCKING_OK)
        let initialized = PKCS11ReturnValue(withUnsafeMutablePointer(to: &arguments) { initialize($0) })
        guard initialized == .ok || initialized == .alreadyInitialized else {
            throw .initializationFailed(path: path, returnValue: initialized)
        }
        return list.pointee
    }

    /// Calls one function of the module; any value but `CKR_OK` throws `callFailed` naming it.
    /// A function the module leaves out of its list counts as `CKR_FUNCTION_NOT_SUPPORTED`.
    func call(_ name: String, _ invoke: (CK_FUNCTION_LIST) -> CK_RV?) throws(PKCS11Error) {
        let returnValue = answer(invoke)
        guard returnValue == .ok else { throw .callFailed(function: name, module: path, returnValue: returnValue) }
    }

    /// What one function of the module answers, for callers that handle some values themselves.
    func answer(_ invoke: (CK_FUNCTION_LIST) -> CK_RV?) -> PKCS11ReturnValue {
        PKCS11ReturnValue(invoke(functions) ?? CK_RV(CKR_FUNCTION_NOT_SUPPORTED))
    }
}
