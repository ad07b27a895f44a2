import CardSimulator
import CPSCard
import Foundation
import SmartCard
import VaultCrypto

/// A real session with a simulated CPS3 card, recorded: the CPS3 driver reads the serial number,
/// the PKCS#15 directory and the certificates, checks and verifies the PIN, signs a challenge and
/// deciphers a wallet key, exactly as a vault session does. Its commands, responses and files are
/// the seeds of the card, APDU, TLV and PKCS#15 fuzz targets.
public struct CardConversation {
    /// Each command the driver sent and the card's response, in order.
    public private(set) var exchanges: [(command: [UInt8], response: [UInt8])] = []

    /// The test card the fuzz targets use; `CPSVAULT_FUZZ_CARD` may name another profile file.
    public static func profile() throws -> CardProfile {
        let path = ProcessInfo.processInfo.environment["CPSVAULT_FUZZ_CARD"]
            ?? "Keys/test/cards/physician-1/profile.json"
        return try CardProfile(contentsOf: URL(fileURLWithPath: path))
    }

    /// The test card whose files are laid out and encoded as on real CPS3 cards (the field layout).
    public static func fieldProfile() throws -> CardProfile {
        try CardProfile(contentsOf: URL(fileURLWithPath: "Keys/test/cards/physician-field/profile.json"))
    }

    /// The data of every response of a session with each layout's card: the seeds of the parsers.
    public static func responseDataOfBothLayouts() throws -> [[UInt8]] {
        try [profile(), fieldProfile()].flatMap { try record(profile: $0).responseData }
    }

    /// Runs the session against a fresh card made from `profile` (PIN 1234).
    public static func record(profile: CardProfile) throws -> CardConversation {
        let channel = RecordingChannel(card: try SimulatedCard(profile: profile))
        let driver = try CPS3ContactDriver(channel: channel)
        _ = try driver.readSerialNumber()
        let certificates = try driver.readCertificates()
        _ = try driver.pinStatus()
        var digits = Array("1234".utf8)
        try driver.verify(try PIN(wiping: &digits))
        _ = try driver.signWithAuthenticationKey(digestInfo: Digest.sha256DigestInfo(Array("challenge".utf8)))
        let wallet = try SecretBytes(randomCount: 32)
        _ = try driver.decipherWithAuthenticationKey(try certificates.authentication.publicKey.encryptPKCS1(wallet))
        return CardConversation(exchanges: channel.exchanges)
    }

    /// Every command sent.
    public var commands: [[UInt8]] { exchanges.map(\.command) }
    /// Every response received, status word included.
    public var responses: [[UInt8]] { exchanges.map(\.response) }
    /// The data fields of the successful responses: FCP templates, file contents, signatures.
    public var responseData: [[UInt8]] {
        responses.compactMap { response in
            guard let parsed = try? ResponseAPDU(parsing: response), !parsed.data.isEmpty else { return nil }
            return parsed.data
        }
    }
}

/// A channel to a simulated card that keeps a copy of every exchange.
private final class RecordingChannel: CardChannel, @unchecked Sendable {
    let card: SimulatedCard
    var exchanges: [(command: [UInt8], response: [UInt8])] = []

    init(card: SimulatedCard) { self.card = card }

    var transmissionProtocol: TransmissionProtocol { .t0 }

    func transmit(_ command: [UInt8]) throws -> [UInt8] {
        let response = card.process(command)
        exchanges.append((command, response))
        return response
    }
}
