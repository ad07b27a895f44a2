import Foundation
import PKCS11

/// OpenSC's PKCS#11 module as the tests load it: with a configuration that gives it enough
/// virtual slots for every reader of the card stack (by default it lists only the first four
/// readers), written once to a temporary file that `OPENSC_CONF` names for this process.
public enum OpenSCModule {
    public static let path = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"

    /// The configuration file, written on first use.
    public static let configuration: URL = {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("opensc-\(UUID().uuidString).conf")
        try? Data("app default { pkcs11 { max_virtual_slots = 64; } }\n".utf8).write(to: file)
        return file
    }()

    /// The module, loaded and initialised with the tests' configuration.
    public static func load() throws -> PKCS11Module {
        setenv("OPENSC_CONF", configuration.path, 1)
        return try PKCS11Module.load(path)
    }
}
