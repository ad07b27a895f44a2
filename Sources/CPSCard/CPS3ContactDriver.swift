import SmartCard
import VaultCrypto

/// Drives a CPS3 card through its contact interface (IAS-ECC): EF.DIR says where the PKCS#15
/// application is, its directory which key, certificate and PIN to use; a key's DF is selected (the
/// application DF itself for a key with an empty path, as on real cards), then the key works by its
/// reference through MSE SET, then INTERNAL AUTHENTICATE, PSO DECIPHER or PSO HASH and PSO CDS.
public final class CPS3ContactDriver: CPSCardDriver {
    private let channel: any CardChannel
    private let application: CPS3Application

    /// A driver talking to the card behind `channel`; it reads the card's directory now.
    public init(channel: any CardChannel) throws {
        self.channel = channel
        application = try channel.exclusively { try CPS3Application.read(through: channel) }
    }

    public func readSerialNumber() throws -> [UInt8] {
        try channel.exclusively {
            let content = try application.files.read(.fromMasterFile(CPS3Application.serialNumberPath))
            let object: BERTLV
            do {
                object = try BERTLV.parseOne(content)
            } catch {
                throw CPSCardError.malformedCardData(what: "serial number (EF.SN)", reason: "\(error)")
            }
            guard object.tag == 0x5A, !object.value.isEmpty else {
                throw CPSCardError.malformedCardData(what: "serial number (EF.SN)", reason: "no tag 5A")
            }
            return object.value
        }
    }

    public func readCertificates() throws -> CardCertificates {
        try channel.exclusively {
            let authentication = try application.certificate(matching: application.authenticationKey)
            let signature = try application.signatureKey.map { try application.certificate(matching: $0) }
            return CardCertificates(
                authentication: authentication.certificate, signature: signature?.certificate,
                repairs: [authentication.repair, signature?.repair].compactMap { $0 })
        }
    }

    public func pinStatus() throws -> PINStatus {
        try channel.exclusively {
            try selectPINFolder()
            let response = try channel.send(CommandAPDU(ins: 0x20, p1: 0x00, p2: application.pinReference))
            switch response.status {
            case .success: return .verified
            case .authenticationMethodBlocked: return .blocked
            case let status where status.verificationTriesLeft != nil:
                return .triesLeft(status.verificationTriesLeft ?? 0)
            case let status:
                throw CPSCardError.cardRefused(operation: "the PIN status query", status: status)
            }
        }
    }

    public func verify(_ pin: PIN) throws {
        try channel.exclusively {
            try selectPINFolder()
            var data = application.pinBlock(pin)
            defer { data.cleanse() }
            let response = try channel.send(CommandAPDU(ins: 0x20, p1: 0x00, p2: application.pinReference, data: data))
            switch response.status {
            case .success:
                return
            case .authenticationMethodBlocked:
                throw CPSCardError.pinBlocked(serial: try readSerialNumber().hexString)
            case let status where status.verificationTriesLeft != nil:
                throw CPSCardError.wrongPIN(triesLeft: status.verificationTriesLeft ?? 0)
            case let status:
                throw CPSCardError.cardRefused(operation: "the PIN", status: status)
            }
        }
    }

    public func signWithAuthenticationKey(digestInfo: [UInt8]) throws -> [UInt8] {
        try channel.exclusively {
            try application.files.selectDirectory(application.directory(of: application.authenticationKey))
            try setSecurityEnvironment(template: 0xA4, key: application.authenticationKeyReference, algorithm: application.algorithmReference(forSigning: true))
            let response = try channel.send(CommandAPDU(ins: 0x88, p1: 0x00, p2: 0x00, data: digestInfo, expectedLength: 256))
            return try expectSuccess(response, operation: "INTERNAL AUTHENTICATE")
        }
    }

    public func signWithSignatureKey(sha256 digest: [UInt8]) throws -> [UInt8] {
        guard let signatureKey = application.signatureKey, let key = signatureKey.keyReference else {
            throw CPSCardError.missingCardObject("the non-repudiation signature key")
        }
        return try channel.exclusively {
            try application.files.selectDirectory(application.directory(of: signatureKey))
            let hashTemplate = CommandAPDU(ins: 0x22, p1: 0x41, p2: 0xAA, data: [0x80, 0x01, Self.sha256Reference])
            _ = try expectSuccess(try channel.send(hashTemplate), operation: "MSE SET (hash)")
            try setSecurityEnvironment(template: 0xB6, key: UInt8(truncatingIfNeeded: key), algorithm: Self.sha256WithRSAReference)
            let hash = CommandAPDU(ins: 0x2A, p1: 0x90, p2: 0xA0, data: [0x90, UInt8(digest.count)] + digest)
            _ = try expectSuccess(try channel.send(hash), operation: "PSO HASH")
            let sign = CommandAPDU(ins: 0x2A, p1: 0x9E, p2: 0x9A, expectedLength: 256)
            return try expectSuccess(try channel.send(sign), operation: "PSO COMPUTE DIGITAL SIGNATURE")
        }
    }

    /// IAS-ECC algorithm references: SHA-256 for PSO HASH, SHA-256 with RSA PKCS#1 for PSO CDS.
    private static let sha256Reference: UInt8 = 0x40
    private static let sha256WithRSAReference: UInt8 = 0x42

    public func decipherWithAuthenticationKey(_ cryptogram: [UInt8]) throws -> SecretBytes {
        try channel.exclusively {
            try application.files.selectDirectory(application.directory(of: application.authenticationKey))
            try setSecurityEnvironment(template: 0xB8, key: application.authenticationKeyReference, algorithm: application.algorithmReference(forSigning: false))
            let command = CommandAPDU(ins: 0x2A, p1: 0x80, p2: 0x86, data: [0x81] + cryptogram, expectedLength: 256)
            var plaintext = try expectSuccess(try channel.sendChained(command), operation: "PSO DECIPHER")
            return SecretBytes(wipingAfterCopy: &plaintext)
        }
    }

    /// The PIN lives in the MF; keys in the PKCS#15 application.
    private func selectPINFolder() throws {
        let response = try channel.send(CommandAPDU(ins: 0xA4, p1: 0x00, p2: 0x0C, data: [0x3F, 0x00]))
        _ = try expectSuccess(response, operation: "SELECT MF")
    }

    private func setSecurityEnvironment(template: UInt8, key: UInt8, algorithm: UInt8) throws {
        let data: [UInt8] = [0x84, 0x01, key, 0x80, 0x01, algorithm]
        let response = try channel.send(CommandAPDU(ins: 0x22, p1: 0x41, p2: template, data: data))
        _ = try expectSuccess(response, operation: "MSE SET")
    }

    private func expectSuccess(_ response: ResponseAPDU, operation: String) throws -> [UInt8] {
        guard response.status == .success else {
            throw CPSCardError.cardRefused(operation: operation, status: response.status)
        }
        return response.data
    }
}
