import Foundation
import SmartCard
import VaultCrypto

/// The description of one simulated CPS card, read from a JSON profile file: holder keys and
/// certificates, serial number and PIN, and the card's generation (`"generation": "cps4"` for a
/// CPS4, a CPS3 when absent). Paths inside the file are relative to the file itself.
///
/// ```json
/// {"label": "physician-1", "serialNumber": "80250000011000000001", "pin": "1234", "pinTriesMax": 3,
///  "authenticationKey": "auth.key.pem", "authenticationCertificate": "auth.crt.der",
///  "signatureKey": "sign.key.pem", "signatureCertificate": "sign.crt.der"}
/// ```
///
/// An optional `"layout": "field"` makes the card write its files as real CPS3 cards do (`CPS3FileLayout`);
/// an optional `"latency": "cps3"` (or `"cps4"`) makes it take as long as a real card (`CardLatency`).
public struct CardProfile: Sendable {
    /// A short name for logs and the control socket; not written on the card.
    public var label: String
    /// Which card the profile describes: a CPS3 (IAS-ECC) or a CPS4 (ChipDoc).
    public var generation: SimulatedGeneration
    /// An answer to reset other than the generation's (`"atr"`, hexadecimal): a card of another
    /// batch, or one whose ATR no list knows.
    public var atr: [UInt8]?
    /// The 10 bytes of EF.SN after its `5A 0A` header; a CPS serial starts `80 25 00 00 01`.
    public var serialNumber: [UInt8]
    /// The reference PIN the card compares against.
    public var pin: SecretBytes
    /// Tries a fresh card has before the PIN blocks.
    public var pinTriesMax: Int
    /// The authentication key (reference 82): internal authenticate and PSO DECIPHER.
    public var authenticationKey: RSAPrivateKey
    public var authenticationCertificate: X509Certificate
    /// The signature key (reference 81): PSO COMPUTE DIGITAL SIGNATURE.
    public var signatureKey: RSAPrivateKey
    public var signatureCertificate: X509Certificate
    /// How the card lays out and encodes its files; `canonical` when the profile does not say.
    public var layout: CPS3FileLayout
    /// How long the card takes to answer; `none` (at once) when the profile does not say.
    public var latency: CardLatency

    /// Loads a profile file and the key and certificate files it names.
    public init(contentsOf url: URL) throws(SimulatorError) {
        let file: ProfileFile
        do {
            file = try JSONDecoder().decode(ProfileFile.self, from: Data(contentsOf: url))
        } catch {
            throw .unreadableProfile(path: url.path, reason: "\(error)")
        }
        let folder = url.deletingLastPathComponent()
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        guard let serial = [UInt8](hexString: file.serialNumber), serial.count == 10 else {
            throw .unreadableProfile(path: url.path, reason: "serialNumber must be 20 hexadecimal digits")
        }
        if let text = file.atr {
            guard let bytes = [UInt8](hexString: text), (2...33).contains(bytes.count) else {
                throw .unreadableProfile(path: url.path, reason: "atr must be 2 to 33 bytes in hexadecimal")
            }
            atr = bytes
        }
        guard let named = CardLatency.named(file.latency ?? CardLatency.none.name) else {
            throw .unreadableProfile(path: url.path, reason: "latency must be one of \(CardLatency.all.map(\.name).joined(separator: ", "))")
        }
        var pinDigits = Array(file.pin.utf8)
        guard (4...12).contains(pinDigits.count) else {
            throw .unreadableProfile(path: url.path, reason: "pin must have 4 to 12 characters")
        }
        do {
            label = file.label
            generation = file.generation ?? .cps3
            serialNumber = serial
            pin = SecretBytes(wipingAfterCopy: &pinDigits)
            pinTriesMax = file.pinTriesMax
            authenticationKey = try RSAPrivateKey(contentsOfPEMFile: path(file.authenticationKey))
            authenticationCertificate = try Self.certificate(at: path(file.authenticationCertificate))
            signatureKey = try RSAPrivateKey(contentsOfPEMFile: path(file.signatureKey))
            signatureCertificate = try Self.certificate(at: path(file.signatureCertificate))
            layout = file.layout ?? .canonical
            latency = named
        } catch {
            throw .unreadableProfile(path: url.path, reason: "\(error)")
        }
    }

    private static func certificate(at path: String) throws(CryptoError) -> X509Certificate {
        guard let first = try X509Certificate.loadPEMFile(path).first else {
            throw CryptoError.invalidCertificate(source: path, reason: "no certificate in the file")
        }
        return first
    }
}

/// The JSON shape of a profile file.
private struct ProfileFile: Decodable {
    var label: String
    var generation: SimulatedGeneration?
    var atr: String?
    var serialNumber: String
    var pin: String
    var pinTriesMax: Int
    var authenticationKey: String
    var authenticationCertificate: String
    var signatureKey: String
    var signatureCertificate: String
    var layout: CPS3FileLayout?
    var latency: String?
}
