import CardStackTesting
import Foundation
import Testing

extension PKCS11CommandLineSlot {
    /// `cpsvault` card commands reaching the simulated CPS3 through OpenSC's PKCS#11 module, named
    /// by `--pkcs11-module` or by the configuration's `"pkcs11Module"`.
    @Suite("cpsvault card commands through a PKCS#11 module", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint),
           .serialized)
    struct PKCS11CommandTests {
        let stack: CardStack
        let slot = TestSlot.pkcs11CommandLine
        let configuration: URL

        init() throws {
            stack = try CardStack()
            stack.empty(slot)
            configuration = try TestPKI.configurationFile()
        }

        /// Runs `cpsvault` on the test slot, with the PIN on descriptor 3 when one is given, OpenSC
        /// configured to list every reader of the card stack.
        func cpsvault(_ arguments: [String], pin: String? = "1234", configuration: URL? = nil) throws -> CommandResult {
            var arguments = arguments + ["--config", (configuration ?? self.configuration).path, "--reader", slot.readerName]
            if pin != nil { arguments += ["--pin-fd", "3"] }
            return try Command.run(Command.product("cpsvault"), arguments,
                                   environment: ["OPENSC_CONF": OpenSCModule.configuration.path],
                                   input: Data(((pin ?? "") + "\n").utf8), inputOnDescriptor3: pin != nil)
        }

        @Test("card login --pkcs11-module prints the verified identity of each CPS3 profile",
              arguments: [(TestCard.physician1, "Hélène Lefèvre"), (.physicianField, "Camille Rousseau")])
        func login(card: TestCard, holder: String) throws {
            try stack.insert(card, into: slot)
            defer { stack.empty(slot) }
            let result = try cpsvault(["card", "login", "--pkcs11-module", OpenSCModule.path])
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.contains("Authenticated: \(holder)"))
            #expect(!result.output.contains("1234"))
        }

        @Test("the configuration's \"pkcs11Module\" takes the card through the module; a wrong PIN exits 20, not retried")
        func configuredModule() throws {
            try stack.insert(.physician1, into: slot)
            defer { stack.empty(slot) }
            let configured = configuration.deletingLastPathComponent().appendingPathComponent("pkcs11.json")
            var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: configuration)) as? [String: Any])
            json["pkcs11Module"] = OpenSCModule.path
            try JSONSerialization.data(withJSONObject: json).write(to: configured)
            let status = try cpsvault(["card", "status"], pin: nil, configuration: configured)
            #expect(status.status == 0, "\(status.errorOutput)")
            #expect(status.output.contains("through the PKCS#11 module \(OpenSCModule.path)"))
            let wrong = try cpsvault(["card", "login"], pin: "9999", configuration: configured)
            #expect(wrong.status == 20)
            #expect(wrong.errorOutput.contains("not retried"))
        }

        @Test("a module path with no file, or not a PKCS#11 module, exits 19 naming the path",
              arguments: ["/nonexistent/opensc-pkcs11.so", "/etc/hostname"])
        func notAModule(path: String) throws {
            let result = try cpsvault(["card", "login", "--pkcs11-module", path])
            #expect(result.status == 19)
            #expect(result.errorOutput.contains(path))
        }
    }
}
