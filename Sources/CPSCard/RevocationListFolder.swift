import Foundation
import SmartCard
import VaultCrypto

/// The folder of CRLs kept current by `cpsvault trust refresh` (the configuration's
/// "crlDirectory"): one DER file per issuing authority, `<issuer key>.crl`, read by card
/// validation besides the CRL files the configuration lists. Other files in it are ignored.
public struct RevocationListFolder: Sendable, Equatable {
    /// The folder's absolute path.
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The extension of the files that hold CRLs.
    public static let fileExtension = "crl"

    /// Every CRL in the folder, in file-name order; none when the folder does not exist. A file
    /// that does not decode throws, naming it.
    public func revocationLists() throws -> [CertificateRevocationList] {
        try files().map(CertificateRevocationList.loadFile)
    }

    /// The paths of the folder's CRL files, sorted; none when the folder does not exist.
    public func files() throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasSuffix(".\(Self.fileExtension)") && !$0.hasPrefix(".") }
            .sorted()
            .map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
    }

    /// Where the CRL of `issuer` is installed: a name derived from the issuer's distinguished
    /// name, so a newer CRL of the same authority replaces the older one.
    public func file(for issuer: DistinguishedName) -> String {
        let key = Array(Digest.sha256(Array(issuer.description.utf8)).prefix(8)).hexString.lowercased()
        return URL(fileURLWithPath: path).appendingPathComponent("\(key).\(Self.fileExtension)").path
    }
}
