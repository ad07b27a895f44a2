import CPSCard
import CardStackTesting
import Foundation
import Testing
import VaultCrypto

/// `cpsvault trust`: CRLs fetched from the test PKI's distribution points, served by a server in
/// this process, checked and installed; status and import. Serialized: the PKI fixes one port.
@Suite("cpsvault trust commands", .serialized)
struct TrustCommandTests {
    /// A private folder with a configuration naming the TEST root and intermediate only, and a
    /// CRL folder inside it.
    struct Workspace {
        let folder: URL
        var configuration: String { folder.appendingPathComponent("config.json").path }
        var crlFolder: RevocationListFolder { RevocationListFolder(path: folder.appendingPathComponent("crls").path) }

        init(crls: [String] = [], anchorFile: String = TestPKI.file("root.crt.pem"),
             intermediateFile: String = TestPKI.file("intermediate.crt.pem")) throws {
            try TestPKI.ensureGenerated()
            folder = try PrivateTemporaryFolder.make(prefix: "cpsvault-trust")
            let json: [String: Any] = ["trustAnchors": [anchorFile], "intermediates": [intermediateFile],
                                       "crls": crls, "crlDirectory": folder.appendingPathComponent("crls").path]
            try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: configuration))
        }

        func cpsvault(_ arguments: [String]) throws -> CommandResult {
            try Command.run(Command.product("cpsvault"), arguments + ["--config", configuration])
        }

        /// The trust a card command of this configuration validates with.
        func trust() throws -> CardTrust {
            try CardTrust(anchorFiles: [TestPKI.file("root.crt.pem")], intermediateFiles: [TestPKI.file("intermediate.crt.pem")],
                          revocationListFiles: [], revocationListFolder: crlFolder)
        }
    }

    static func servedCRL(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TestPKI.file("crl/\(name).crl"))))
    }

    /// Serves the root's and the intermediate's current CRLs, runs `body`, stops the server.
    static func withServer<T>(_ body: (CRLServer) throws -> T) throws -> T {
        let server = try CRLServer()
        defer { server.stop() }
        server.answer("/root.crl", with: .body(try Self.servedCRL("root")))
        server.answer("/intermediate.crl", with: .body(try Self.servedCRL("intermediate")))
        return try body(server)
    }

    @Test("after a refresh, a configuration of anchors and intermediates only validates a card, and refuses a revoked one")
    func refreshInstallsTheDistributionPointsCRLs() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let leaf = try X509Certificate.loadPEMFile(TestCard.physician1.authenticationCertificate.path)[0]
        #expect(throws: CertificateRejection.self) { try workspace.trust().verifier().verify(leaf) }

        let result = try Self.withServer { _ in try workspace.cpsvault(["trust", "refresh"]) }
        #expect(result.status == 0, "\(result.errorOutput)")
        let base = try CRLServer.baseURL()
        #expect(result.output.split(separator: "\n").count == 2)
        #expect(result.output.contains("\(base)/root.crl: installed"))
        #expect(result.output.contains("\(base)/intermediate.crl: installed"))

        let files = try workspace.crlFolder.files()
        #expect(files.count == 2)
        for file in files + [workspace.crlFolder.path] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "\(file) is open to others")
        }
        _ = try workspace.trust().verifier().verify(leaf)
        let revoked = try X509Certificate.loadPEMFile(TestCard.revoked.authenticationCertificate.path)[0]
        let error = #expect(throws: CertificateRejection.self) { try workspace.trust().verifier().verify(revoked) }
        guard case .revoked = error else {
            Issue.record("expected revoked, got \(String(describing: error))")
            return
        }
    }

    /// What a broken distribution point serves, and the reason the progress line gives.
    static let brokenAnswers: [(String, @Sendable () throws -> CRLServer.Answer, String)] = [
        ("expired", { .body(Array(try Data(contentsOf: URL(fileURLWithPath: TestPKI.file("intermediate-expired.crl"))))) }, "it is stale"),
        ("wrongly signed", {
            var der = try TrustCommandTests.servedCRL("intermediate")
            der[der.count - 1] ^= 0x01
            return .body(der)
        }, "its signature does not verify"),
        ("truncated", { .body(Array(try TrustCommandTests.servedCRL("intermediate").prefix(300))) }, "what it served is not a CRL"),
        ("404", { .status(404) }, "HTTP status 404"),
        ("never answers", { .silence }, "within"),
    ]

    @Test("a distribution point that fails keeps the CRL installed before, names itself, and exits 70",
          arguments: 0..<brokenAnswers.count)
    func failedPointKeepsTheInstalledCRL(case index: Int) throws {
        let (_, answer, reason) = Self.brokenAnswers[index]
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let first = try Self.withServer { _ in try workspace.cpsvault(["trust", "refresh"]) }
        #expect(first.status == 0)
        let intermediate = try X509Certificate.loadPEMFile(TestPKI.file("intermediate.crt.pem"))[0]
        let installed = workspace.crlFolder.file(for: intermediate.subject)
        let before = try Data(contentsOf: URL(fileURLWithPath: installed))

        let result = try Self.withServer { server in
            server.answer("/intermediate.crl", with: try answer())
            return try workspace.cpsvault(["trust", "refresh", "--timeout", "1"])
        }
        #expect(result.status == 70, "\(result.output)\(result.errorOutput)")
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("/intermediate.crl") })
        #expect(line.contains("not refreshed"))
        #expect(line.contains(reason), "\(line)")
        #expect(line.contains("kept"))
        #expect(result.output.contains("/root.crl: installed"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: installed)) == before)
    }

    @Test("no distribution point answering exits 71; no CA configured exits 78")
    func nothingRefreshed() throws {
        let workspace = try Workspace()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let result = try Self.withServer { server in
            server.answer("/root.crl", with: .status(500))
            server.answer("/intermediate.crl", with: .status(404))
            return try workspace.cpsvault(["trust", "refresh"])
        }
        #expect(result.status == 71)
        #expect(try workspace.crlFolder.files().isEmpty)

        try Data("{}".utf8).write(to: URL(fileURLWithPath: workspace.configuration))
        #expect(try workspace.cpsvault(["trust", "refresh"]).status == 78)
    }

    @Test("status lists anchors, intermediates and CRLs with fingerprints, and warns of a stale CRL")
    func status() throws {
        let workspace = try Workspace(crls: [TestPKI.file("root.crl.pem"), TestPKI.file("intermediate-expired.crl")])
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let result = try workspace.cpsvault(["trust", "status", "--json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: result.outputData) as? [String: Any])
        let authorities = try #require(report["authorities"] as? [[String: Any]])
        let root = try X509Certificate.loadPEMFile(TestPKI.file("root.crt.pem"))[0]
        #expect(authorities.map { $0["role"] as? String } == ["anchor", "intermediate"])
        #expect(authorities.first?["fingerprint"] as? String == root.sha256Fingerprint.hexString)
        let crls = try #require(report["revocationLists"] as? [[String: Any]])
        #expect(crls.count == 2)
        #expect(crls[0]["warning"] == nil)
        #expect(crls[0]["nextUpdate"] != nil)
        #expect((crls[1]["warning"] as? String)?.contains("cpsvault trust refresh") == true)

        let text = try workspace.cpsvault(["trust", "status"])
        #expect(text.output.contains("SHA-256 \(root.sha256Fingerprint.hexString)"))
        #expect(text.output.contains("warning: stale since"))
    }

    @Test("import adds the CA certificates of a PEM, DER or PKCS#7 bundle, once, and refuses an end-entity certificate")
    func importBundles() throws {
        let folder = try PrivateTemporaryFolder.make(prefix: "cpsvault-import")
        defer { try? FileManager.default.removeItem(at: folder) }
        let anchors = folder.appendingPathComponent("anchors.pem").path
        let intermediates = folder.appendingPathComponent("intermediates.pem").path
        let workspace = try Workspace(anchorFile: anchors, intermediateFile: intermediates)
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let root = try X509Certificate.loadPEMFile(TestPKI.file("root.crt.pem"))[0]
        let intermediate = try X509Certificate.loadPEMFile(TestPKI.file("intermediate.crt.pem"))[0]

        // A DER PKCS#7 bundle of both, as a directory publishes them.
        let bundle = folder.appendingPathComponent("bundle.p7b").path
        let made = try Command.run("openssl", ["crl2pkcs7", "-nocrl", "-certfile", TestPKI.file("root.crt.pem"),
                                               "-certfile", TestPKI.file("intermediate.crt.pem"), "-outform", "DER", "-out", bundle])
        #expect(made.status == 0)
        let result = try workspace.cpsvault(["trust", "import", bundle])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains(root.sha256Fingerprint.hexString))
        #expect(result.output.contains(intermediate.sha256Fingerprint.hexString))
        #expect(try X509Certificate.loadPEMFile(anchors) == [root])
        #expect(try X509Certificate.loadPEMFile(intermediates) == [intermediate])

        // Again, in DER and in PEM: nothing added twice.
        let der = folder.appendingPathComponent("intermediate.der").path
        try Data(intermediate.derEncoded).write(to: URL(fileURLWithPath: der))
        for file in [der, TestPKI.file("root.crt.pem")] {
            let again = try workspace.cpsvault(["trust", "import", file])
            #expect(again.status == 0)
            #expect(again.output.contains("already in"))
        }
        #expect(try X509Certificate.loadPEMFile(intermediates) == [intermediate])

        // A card's certificate among CA certificates: refused whole.
        let mixed = folder.appendingPathComponent("mixed.pem").path
        let pem = try [TestPKI.file("rogue-root.crt.pem"), TestCard.physician1.authenticationCertificate.path]
            .map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
        try Data(pem.utf8).write(to: URL(fileURLWithPath: mixed))
        let refused = try workspace.cpsvault(["trust", "import", mixed])
        #expect(refused.status == 65)
        #expect(refused.errorOutput.contains("not a certification authority's certificate"))
        #expect(try X509Certificate.loadPEMFile(anchors) == [root])
    }
}
