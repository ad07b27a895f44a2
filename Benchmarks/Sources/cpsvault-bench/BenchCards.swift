import CardSimulator
import CPSCard
import Foundation
import SmartCard
import VaultCore
import VaultCrypto
import VaultStore

/// The test cards and TEST PKI of Keys/test (Scripts/make-test-pki; every PIN is 1234), the
/// benchmark's only cards: never trusted outside it.
enum BenchCards {
    /// Keys/test, found from the working directory (Scripts/bench runs from the package root)
    /// or from `CPSVAULT_BENCH_KEYS`.
    static var folder: URL {
        if let path = ProcessInfo.processInfo.environment["CPSVAULT_BENCH_KEYS"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Keys/test")
    }

    static func file(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func profile(_ card: String) throws -> CardProfile {
        let url = folder.appendingPathComponent("cards/\(card)/profile.json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw BenchError("no test card at \(url.path): run Scripts/make-test-pki from the package root")
        }
        return try CardProfile(contentsOf: url)
    }

    static func trust() throws -> CardTrust {
        try CardTrust(anchorFiles: [file("root.crt.pem")], intermediateFiles: [file("intermediate.crt.pem")],
                      revocationListFiles: [file("root.crl.pem"), file("intermediate.crl.pem")])
    }

    /// The authentication certificate of a test card.
    static func certificate(_ card: String) throws -> X509Certificate {
        try X509Certificate.loadPEMFile(file("cards/\(card)/auth.crt.pem"))[0]
    }

    /// Authenticates the card behind `driver` with PIN 1234, as a vault session does.
    static func authenticate(_ driver: some CPSCardDriver) throws -> AuthenticatedCard {
        try CardAuthenticator(trust: trust()).authenticate(driver) {
            var digits = Array("1234".utf8)
            return try PIN(wiping: &digits)
        }
    }

    /// A simulated card in this process, with no reader in between: for figures that need a
    /// session but do not measure the card.
    static func inProcess(_ card: String) throws -> AuthenticatedCard {
        try authenticate(CPS3ContactDriver(channel: InProcessCardChannel(card: simulated(card))))
    }

    /// The simulated test card `card`, as slow as `latency` makes it.
    static func simulated(_ card: String, latency: CardLatency = .none) throws -> SimulatedCard {
        var profile = try profile(card)
        profile.latency = latency
        return try SimulatedCard(profile: profile)
    }

    /// `count` sessions of physician-1 on the vault at `location`, each through its own vault
    /// handle (its own connections), as on as many workstations.
    static func physicianSessions(_ count: Int, at location: VaultLocation) throws -> [VaultSession] {
        try (0..<count).map { _ in
            try VaultSession.open(try location.open(trust: trust()), card: inProcess("physician-1"))
        }
    }
}

/// A fresh vault, administered by admin-1, with physician-1 enrolled and `patients` patients
/// created by physician-1 (who therefore holds their keys). It lives in an SQLite file in a
/// temporary folder, or at `location`; the folder holds the figure's other files.
struct BenchVault {
    let folder: URL
    let vault: Vault
    let physician: VaultSession
    let patients: [PatientID]

    init(patients count: Int, folder parent: URL = FileManager.default.temporaryDirectory,
         location: VaultLocation? = nil) throws {
        folder = parent.appendingPathComponent("cpsvault-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        vault = try (location ?? .file(path: folder.appendingPathComponent("vault.sqlite").path))
            .create(administrator: BenchCards.inProcess("admin-1"), recoveryCertificate: nil, trust: BenchCards.trust())
        let admin = try VaultSession.open(vault, card: BenchCards.inProcess("admin-1"))
        try admin.administration.enrol(try BenchCards.certificate("physician-1"))
        admin.end()
        let physician = try VaultSession.open(vault, card: BenchCards.inProcess("physician-1"))
        patients = try (0..<count).map { index in
            try physician.care.createPatient(Self.identity(index), hostingConsent: "signed form, bench fixture")
        }
        self.physician = physician
    }

    /// Removes the vault's folder.
    func remove() {
        physician.end()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A made-up patient with a well-formed INS.
    static func identity(_ index: Int) -> PatientIdentity {
        PatientIdentity(familyName: "BENCH\(index)", givenNames: "Alix", birthDate: "1970-01-01", sex: "F",
                        ins: ins(index), address: "1 rue du Test, 75001 Paris")
    }

    private static func ins(_ index: Int) -> String {
        (try? INS.completing(String(format: "2700175%06d", index % 1_000_000)).description) ?? ""
    }
}

extension Care {
    /// Adds `content` (small enough to hold in memory) as a new FHIR record of `patient`.
    @discardableResult
    func addBenchRecord(_ content: Data, patient: PatientID) throws -> RecordSummary {
        var offered = false
        return try addRecord(patient: patient, contentType: "application/fhir+json") { _ in
            defer { offered = true }
            return offered ? Data() : content
        }
    }
}
