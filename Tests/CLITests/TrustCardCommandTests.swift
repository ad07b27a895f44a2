import CardStackTesting
import Foundation
import Testing

/// Card validation with CRLs from `cpsvault trust refresh`, through the real card stack.
extension CardCommandTests {
    @Test("a configuration of anchors and intermediates only: refused (33, naming trust refresh) with no or a stale CRL, a login once refreshed")
    func loginAfterTrustRefresh() throws {
        let workspace = try TrustCommandTests.Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        func login() throws -> CommandResult {
            try Command.run(Command.product("cpsvault"),
                            ["card", "login", "--json", "--config", workspace.configuration, "--reader", slot.readerName, "--pin-fd", "3"],
                            input: Data("1234\n".utf8), inputOnDescriptor3: true)
        }
        try stack.insert(.physician2, into: slot)
        defer { stack.empty(slot) }

        let none = try login()
        #expect(none.status == 33)
        #expect(none.errorOutput.contains("cpsvault trust refresh"))

        // The intermediate's CRL gone stale, as after days without a refresh.
        try FileManager.default.createDirectory(atPath: workspace.crlFolder.path, withIntermediateDirectories: true)
        let intermediate = try TestPKI.trust().intermediates[0]
        try FileManager.default.copyItem(atPath: TestPKI.file("intermediate-expired.crl"),
                                         toPath: workspace.crlFolder.file(for: intermediate.subject))
        try FileManager.default.copyItem(atPath: TestPKI.file("crl/root.crl"),
                                         toPath: workspace.crlFolder.path + "/root.crl")
        let stale = try login()
        #expect(stale.status == 33)
        #expect(stale.errorOutput.contains("stale"))
        #expect(stale.errorOutput.contains("cpsvault trust refresh"))

        let refresh = try TrustCommandTests.withServer { _ in try workspace.cpsvault(["trust", "refresh"]) }
        #expect(refresh.status == 0, "\(refresh.output)\(refresh.errorOutput)")
        let fresh = try login()
        #expect(fresh.status == 0, "\(fresh.errorOutput)")
        #expect(try json(fresh)["surname"] as? String == "Mercier")
    }
}
