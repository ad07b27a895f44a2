import CPSCard
import Foundation
import SmartCard
import VaultCrypto

/// What `cpsvault trust refresh` does: for each configured CA certificate, the CRLs at its HTTP
/// distribution points are fetched, each checked (issued and signed by a configured CA, current)
/// and installed in the CRL folder, replacing the CRL of the same authority atomically. A point
/// that fails leaves whatever was installed before in place. Each URL is fetched once per run.
public struct RevocationListRefresh: Sendable {
    /// The configured CA certificates: trust anchors and intermediates.
    public let authorities: [X509Certificate]
    public let folder: RevocationListFolder
    public let download: RevocationListDownload

    public init(authorities: [X509Certificate], folder: RevocationListFolder, download: RevocationListDownload) {
        self.authorities = authorities
        self.folder = folder
        self.download = download
    }

    /// What one distribution point gave.
    public struct PointOutcome: Sendable, Equatable {
        public let url: String
        /// The CRL installed from it, or nil when it failed.
        public let installed: InstalledRevocationList?
        /// Why nothing was installed from it; the CRL installed before, if any, is kept.
        public let failure: String?
    }

    /// A CRL put in the folder.
    public struct InstalledRevocationList: Sendable, Equatable {
        public let issuer: String
        public let nextUpdate: Date
        public let file: String
    }

    /// The HTTP points of one CA certificate fetched for the first time in this run.
    public struct AuthorityOutcome: Sendable {
        public let certificate: X509Certificate
        public let points: [PointOutcome]
    }

    /// How the run went, as the command's exit status tells it.
    public enum Result: Sendable, Equatable {
        /// Every distribution point gave a current CRL, now installed.
        case allRefreshed
        /// Some points failed; what was installed before for them is kept.
        case someKept
        /// No point gave a CRL (or none is named).
        case noneRefreshed
    }

    /// Fetches, checks and installs; `progress` gets each CA's outcome as soon as it is known.
    public func run(at time: Date = Date(), progress: (AuthorityOutcome) -> Void) throws -> Result {
        guard !authorities.isEmpty else { throw TrustError.noCertificateAuthorities }
        try folder.create()
        var seen: Set<String> = []
        var installedCount = 0, failedCount = 0
        for authority in authorities {
            let fresh = authority.crlDistributionPoints.filter { RevocationListDownload.canFetch($0) && seen.insert($0).inserted }
            let points = fresh.map { refresh(from: $0, at: time) }
            installedCount += points.count { $0.installed != nil }
            failedCount += points.count { $0.failure != nil }
            progress(AuthorityOutcome(certificate: authority, points: points))
        }
        if installedCount == 0 { return .noneRefreshed }
        return failedCount == 0 ? .allRefreshed : .someKept
    }

    /// Fetches the CRL at `point`, checks it and installs it.
    private func refresh(from point: String, at time: Date) -> PointOutcome {
        func failed(_ reason: String) -> PointOutcome { PointOutcome(url: point, installed: nil, failure: reason) }
        guard let url = URL(string: point) else { return failed("not a URL") }
        let crl: CertificateRevocationList
        do {
            crl = try CertificateRevocationList(encoded: download.fetch(url), source: point)
        } catch let failure as RevocationListDownload.Failure {
            return failed(failure.description)
        } catch {
            return failed("what it served is not a CRL")
        }
        guard let issuer = authorities.first(where: { crl.issuer == $0.subject && crl.isSigned(by: $0) }) else {
            return failed(authorities.contains { crl.issuer == $0.subject }
                ? "its signature does not verify against '\(crl.issuer)'"
                : "it was issued by '\(crl.issuer)', which is not a configured CA")
        }
        guard let nextUpdate = crl.nextUpdate else { return failed("it has no nextUpdate date, so its freshness is unknown") }
        guard crl.thisUpdate <= time else { return failed("it is not valid before \(crl.thisUpdate.formatted(.iso8601))") }
        guard time <= nextUpdate else { return failed("it is stale: its next update was due \(nextUpdate.formatted(.iso8601))") }
        let file = folder.file(for: crl.issuer)
        if let installed = try? CertificateRevocationList.loadFile(file), installed.thisUpdate > crl.thisUpdate {
            return failed("it is older than the CRL installed (issued \(installed.thisUpdate.formatted(.iso8601)))")
        }
        do {
            try OutputFile(path: file, replacing: true, content: .revocationList).write { handle in
                try handle.write(contentsOf: crl.derEncoded)
            }
        } catch {
            return failed("\(error)")
        }
        return PointOutcome(url: point, installed: InstalledRevocationList(
            issuer: issuer.subject.description, nextUpdate: nextUpdate, file: file), failure: nil)
    }
}

extension RevocationListFolder {
    /// Creates the folder, owner-only (0700), with its parents, unless it exists.
    func create() throws(TrustError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .folderUnusable(path: path, reason: error.localizedDescription)
        }
    }
}
