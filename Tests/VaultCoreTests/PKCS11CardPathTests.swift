import CardStackTesting
import CPSCard
import Foundation
import PKCS11
import Testing
@testable import VaultCore
import VaultCrypto

/// The vault reaching the simulated CPS3 through OpenSC's PKCS#11 module and the real pcscd,
/// instead of its own APDU drivers: the same rules (certificate validated by the vault, the PIN
/// once, the tries from the token flags), the same vault work, and the session ended when the
/// card leaves the reader.
@Suite("The PKCS#11 card path through OpenSC", .tags(.cardStack), .enabled(if: CardStack.shouldRun, CardStack.startHint), .serialized)
final class PKCS11CardPathTests {
    let stack: CardStack
    let slot = TestSlot.pkcs11
    let trust: CardTrust

    init() throws {
        stack = try CardStack()
        stack.empty(slot)
        trust = try TestPKI.trust()
    }

    deinit {
        stack.empty(slot)
    }

    static let profiles: [TestCard] = [.physician1, .physicianField]

    private func pin(_ digits: String) throws -> PIN {
        var bytes = Array(digits.utf8)
        return try PIN(wiping: &bytes)
    }

    /// Inserts `card` and opens it through the module.
    private func open(_ card: TestCard) throws -> OpenedCard {
        try stack.insert(card, into: slot)
        return try OpenedCard.open(module: OpenSCModule.load(), reader: slot.readerName)
    }

    private func authenticate(_ opened: OpenedCard, pin digits: String = "1234", allowLastTry: Bool = false) throws -> AuthenticatedCard {
        try CardAuthenticator(trust: trust).authenticate(opened.driver, allowLastTry: allowLastTry) { try pin(digits) }
    }

    @Test("each CPS3 profile logs in through the module; the holder comes from the validated certificate", arguments: profiles)
    func login(card: TestCard) throws {
        let opened = try open(card)
        #expect(opened.reader == slot.readerName)
        #expect(opened.identification.generation == .cps3)
        #expect(opened.identification.middleware?.contains(OpenSCModule.path) == true)
        let authenticated = try authenticate(opened)
        let expected = try X509Certificate.loadPEMFile(card.authenticationCertificate.path)[0]
        #expect(authenticated.certificates.authentication.sha256Fingerprint == expected.sha256Fingerprint)
        #expect(authenticated.professional.nationalID.rawValue == expected.subject.commonName)
        #expect(try authenticated.driver.pinStatus() == .verified)
    }

    @Test("a wrong PIN is not retried and the token flags count down to the last try, then to blocked")
    func wrongAndBlockedPIN() throws {
        let opened = try open(.physician1)
        #expect(throws: CPSCardError.wrongPIN(triesLeft: nil)) { try authenticate(opened, pin: "9999") }
        #expect(throws: CPSCardError.wrongPIN(triesLeft: 1)) { try authenticate(opened, pin: "9999") }
        #expect(try opened.driver.pinStatus() == .triesLeft(1))
        #expect(throws: CPSCardError.lastTryRefused(serial: try opened.driver.readSerialNumber().hexString)) {
            try authenticate(opened)
        }
        #expect(throws: CPSCardError.pinBlocked(serial: try opened.driver.readSerialNumber().hexString)) {
            try authenticate(opened, pin: "9999", allowLastTry: true)
        }
        #expect(try opened.driver.pinStatus() == .blocked)
        #expect(throws: CPSCardError.pinBlocked(serial: try opened.driver.readSerialNumber().hexString)) {
            try authenticate(opened, allowLastTry: true)
        }
    }

    @Test("OpenSC cannot sign with a CPS3's non-repudiation key: the error names the operation, the module and the way out")
    func signatureKeyRefused() throws {
        let authenticated = try authenticate(try open(.physician1))
        do {
            _ = try authenticated.driver.signWithSignatureKey(sha256: Digest.sha256(Array("export".utf8)))
            Issue.record("the module signed with the non-repudiation key")
        } catch let CPSCardError.moduleCannotPerform(operation, module, instead) {
            #expect(operation.contains("non-repudiation"))
            #expect(module == OpenSCModule.path)
            #expect(instead.contains("--pkcs11-module"))
        }
    }

    @Test("a session through the module opens the wallet, takes a pending grant and opens its record")
    func vaultSession() throws {
        let fixture = try VaultFixture()
        let nurse = try fixture.session(.nurse)
        let patient = try nurse.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
        let record = try nurse.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("tension 12/8"))
        try nurse.care.grant(patient: patient, to: "810002345671")
        nurse.end()

        let opened = try open(.physician1)
        let session = try VaultSession.open(fixture.vault, card: authenticate(opened), reader: opened.reader)
        defer { session.end() }
        #expect(try fixture.read(session, patient: patient, record: record.recordID) == Data("tension 12/8".utf8))
    }

    @Test("pulling the card out ends the session: its keys are gone and the module's session is closed")
    func cardPulled() async throws {
        let fixture = try VaultFixture()
        let opened = try open(.physician1)
        let session = try VaultSession.open(fixture.vault, card: authenticate(opened), reader: opened.reader)
        let patient = try session.care.createPatient(VaultFixture.identity, hostingConsent: "signed form")
        try stack.remove(from: slot)
        await session.waitUntilEnded()
        #expect(!session.isOpen)
        #expect(throws: VaultError.sessionEnded) {
            _ = try session.care.addRecord(patient: patient, contentType: "text/plain", from: fixture.file("after"))
        }
        #expect(throws: PKCS11Error.sessionClosed(module: OpenSCModule.path)) {
            _ = try opened.driver.decipherWithAuthenticationKey([UInt8](repeating: 1, count: 256))
        }
    }

    @Test("a module path with no file, or a file that is not a PKCS#11 module, is refused by name",
          arguments: ["/nonexistent/opensc-pkcs11.so", "/etc/hostname", "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"])
    func notAModule(path: String) throws {
        do {
            _ = try PKCS11Module.load(path)
            Issue.record("\(path) loaded as a PKCS#11 module")
        } catch .moduleNotFound(let named) {
            #expect(named == path && !FileManager.default.fileExists(atPath: path))
        } catch .notAModule(let named, let reason) {
            #expect(named == path && !reason.isEmpty)
        }
    }
}
