import Foundation
import Testing
import VaultCrypto

/// The test PKI in `<package root>/Keys/test`, made (or refreshed) by `Scripts/make-test-pki`
/// once per test process before the first test uses it.
enum TestPKI {
    struct GenerationFailed: Error, CustomStringConvertible {
        let description: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Runs the script once; it does nothing when the PKI is present and its CRLs are not about to go stale.
    private static let generation: Result<String, GenerationFailed> = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [packageRoot + "/Scripts/make-test-pki"]
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return .failure(GenerationFailed(description: "Scripts/make-test-pki could not start: \(error)"))
        }
        guard process.terminationStatus == 0 else {
            return .failure(GenerationFailed(description: "Scripts/make-test-pki exited with status \(process.terminationStatus)"))
        }
        return .success(packageRoot + "/Keys/test")
    }()

    /// The path of `relativePath` inside the test PKI, generating the PKI first if needed.
    static func path(_ relativePath: String) throws -> String {
        try generation.get() + "/" + relativePath
    }

    /// The first certificate of a PEM or DER file in the test PKI.
    static func certificate(_ relativePath: String) throws -> X509Certificate {
        let certificates = try X509Certificate.loadPEMFile(path(relativePath))
        return try #require(certificates.first)
    }

    static func root() throws -> X509Certificate { try certificate("root.crt.pem") }
    static func intermediate() throws -> X509Certificate { try certificate("intermediate.crt.pem") }
    static func rogueRoot() throws -> X509Certificate { try certificate("rogue-root.crt.pem") }

    /// A card's authentication certificate.
    static func authenticationCertificate(of card: String) throws -> X509Certificate {
        try certificate("cards/\(card)/auth.crt.der")
    }

    /// A card's authentication private key.
    static func authenticationKey(of card: String) throws -> RSAPrivateKey {
        try RSAPrivateKey(contentsOfPEMFile: path("cards/\(card)/auth.key.pem"))
    }

    /// Both CRLs of the test PKI.
    static func crls() throws -> [CertificateRevocationList] {
        [try CertificateRevocationList.loadFile(path("root.crl.pem")),
         try CertificateRevocationList.loadFile(path("intermediate.crl.pem"))]
    }
}
