import SmartCard
import VaultCrypto

/// Drives a CPS3 card through its contact interface (IAS-ECC): EF.DIR says where the PKCS#15
/// application is, its directory which key, certificate and PIN to use; a key's DF is selected (the
/// application DF itself for a key with an empty path, as on real cards), then the key works by its
/// reference through MSE SET, then INTERNAL AUTHENTICATE, PSO DECIPHER or PSO HASH and PSO CDS.
public final class CPS3ContactDriver: CPSCardDriver {
    private let channel: any CardChannel
    private let application: PKCS15Application

    /// A driver talking to the card behind `channel`; it reads the card's directory now.
    public init(channel: any CardChannel) throws {
        self.channel = channel
        application = try channel.exclusively {
            try PKCS15Application.read(files: CardFileReader(channel: channel), defaultFolder: PKCS15Application.cps3FolderPath)
        }
    }

    public func readSerialNumber() throws -> [UInt8] {
        try channel.exclusively { try application.serialNumber() }
    }

    public func readCertificates() throws -> CardCertificates {
        try channel.exclusively { try application.cardCertificates() }
    }

    public func pinStatus() throws -> PINStatus {
        try channel.exclusively {
            try selectPINFolder()
            return try PINAnswer.status(try channel.send(CommandAPDU(ins: 0x20, p1: 0x00, p2: application.pinReference)))
        }
    }

    public func verify(_ pin: PIN) throws {
        try channel.exclusively {
            try selectPINFolder()
            let response = try SensitiveCommand(cla: 0x00, ins: 0x20, p1: 0x00, p2: application.pinReference,
                                                data: application.pinBlock(pin)).send(through: channel)
            try PINAnswer.check(response, operation: "the PIN", serial: application.serialNumber)
        }
    }

    /// CHANGE REFERENCE DATA `00 24 00 <ref>` with the old and the new PIN, each formatted as
    /// the AODF says: the card checks the old one (spending a try when it is wrong).
    public func changePIN(from old: PIN, to new: PIN) throws {
        try application.checkNewPIN(new)
        try channel.exclusively {
            try selectPINFolder()
            let data = SecretBytes(concatenating: [application.pinBlock(old), application.pinBlock(new)])
            let response = try SensitiveCommand(cla: 0x00, ins: 0x24, p1: 0x00, p2: application.pinReference, data: data)
                .send(through: channel)
            try PINAnswer.check(response, operation: "the PIN change", serial: application.serialNumber)
        }
    }

    public func signWithAuthenticationKey(digestInfo: [UInt8]) throws -> [UInt8] {
        try channel.exclusively {
            try application.files.selectDirectory(application.directory(of: application.authenticationKey))
            try setSecurityEnvironment(template: 0xA4, key: application.authenticationKeyReference, algorithm: application.algorithmReference(forSigning: true))
            let response = try channel.send(CommandAPDU(ins: 0x88, p1: 0x00, p2: 0x00, data: digestInfo, expectedLength: 256))
            return try response.expectSuccess("INTERNAL AUTHENTICATE")
        }
    }

    public func signWithSignatureKey(sha256 digest: [UInt8]) throws -> [UInt8] {
        guard let signatureKey = application.signatureKey, let key = signatureKey.keyReference else {
            throw CPSCardError.missingCardObject("the non-repudiation signature key")
        }
        return try channel.exclusively {
            try application.files.selectDirectory(application.directory(of: signatureKey))
            let hashTemplate = CommandAPDU(ins: 0x22, p1: 0x41, p2: 0xAA, data: [0x80, 0x01, Self.sha256Reference])
            _ = try channel.send(hashTemplate).expectSuccess("MSE SET (hash)")
            try setSecurityEnvironment(template: 0xB6, key: UInt8(truncatingIfNeeded: key), algorithm: Self.sha256WithRSAReference)
            let hash = CommandAPDU(ins: 0x2A, p1: 0x90, p2: 0xA0, data: [0x90, UInt8(digest.count)] + digest)
            _ = try channel.send(hash).expectSuccess("PSO HASH")
            let sign = CommandAPDU(ins: 0x2A, p1: 0x9E, p2: 0x9A, expectedLength: 256)
            return try channel.send(sign).expectSuccess("PSO COMPUTE DIGITAL SIGNATURE")
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
            var plaintext = try channel.sendChained(command).expectSuccess("PSO DECIPHER")
            return SecretBytes(wipingAfterCopy: &plaintext)
        }
    }

    /// The PIN lives in the MF; keys in the PKCS#15 application.
    private func selectPINFolder() throws {
        let response = try channel.send(CommandAPDU(ins: 0xA4, p1: 0x00, p2: 0x0C, data: [0x3F, 0x00]))
        _ = try response.expectSuccess("SELECT MF")
    }

    private func setSecurityEnvironment(template: UInt8, key: UInt8, algorithm: UInt8) throws {
        let data: [UInt8] = [0x84, 0x01, key, 0x80, 0x01, algorithm]
        let response = try channel.send(CommandAPDU(ins: 0x22, p1: 0x41, p2: template, data: data))
        _ = try response.expectSuccess("MSE SET")
    }
}
