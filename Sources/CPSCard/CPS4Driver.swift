import SmartCard
import VaultCrypto

/// Drives a CPS4 card through its ChipDoc applet on logical channel 1 (CLA `01`), with the
/// command set the issuer's middleware uses on it:
///
/// - the applet is selected by AID, with the middleware's recovery sequence when refused;
/// - files are selected by path from the MF (`A4 08 00`) and answer an FCI; EF.DIR names the
///   PKCS#15 application's folder, whose ODF leads to the PIN, keys and certificates, read as
///   tolerantly as on a CPS3 (every path form, certificates with a wrong unused-bits octet);
/// - the PIN is presented with VERIFY to the reference the AODF gives, formatted as it says;
///   VERIFY without data tells the tries left;
/// - the authentication key (RSA-2048) signs by PSO DECIPHER over a block the host pads
///   (there is no INTERNAL AUTHENTICATE), and deciphers by PSO DECIPHER, the host removing
///   the padding; both after MSE SET `41 B8` with the key in tag `83`;
/// - the signature key signs a host-computed hash by MSE SET `81 B6` (tag `91`: algorithm
///   and key reference) then PSO COMPUTE DIGITAL SIGNATURE with the hash as data.
public final class CPS4Driver: CPSCardDriver {
    private let channel: any CardChannel
    private let application: PKCS15Application

    /// A driver talking to the card behind `channel`: selects the applet and reads the card's
    /// directory now.
    public init(channel: any CardChannel) throws {
        self.channel = channel
        application = try channel.exclusively {
            try Self.selectApplet(through: channel)
            return try PKCS15Application.read(files: CardFileReader(channel: channel, selection: .chipDoc), defaultFolder: nil)
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
            try PINAnswer.status(try sendRecovering(command(ins: 0x20, p1: 0x00, p2: application.pinReference)))
        }
    }

    public func verify(_ pin: PIN) throws {
        try channel.exclusively { try presentPIN(pin) }
    }

    /// VERIFY with the old PIN, then CHANGE REFERENCE DATA `01 24 01 <ref>` with the new one
    /// alone, as the ChipDoc applet takes it.
    public func changePIN(from old: PIN, to new: PIN) throws {
        try application.checkNewPIN(new)
        try channel.exclusively {
            try presentPIN(old)
            let response = try SensitiveCommand(cla: ChipDocApplet.cla, ins: 0x24, p1: 0x01, p2: application.pinReference,
                                                data: application.pinBlock(new)).send(through: channel)
            try PINAnswer.check(response, operation: "the PIN change", serial: application.serialNumber)
        }
    }

    public func signWithAuthenticationKey(digestInfo: [UInt8]) throws -> [UInt8] {
        let block = try PKCS1Padding.signatureBlock(digestInfo, modulusByteCount: application.authenticationModulusByteCount)
        return try channel.exclusively { try decipherBlock(block, operation: "PSO DECIPHER (authentication)") }
    }

    public func decipherWithAuthenticationKey(_ cryptogram: [UInt8]) throws -> SecretBytes {
        try channel.exclusively {
            var block = try decipherBlock(cryptogram, operation: "PSO DECIPHER")
            return try PKCS1Padding.message(inEncryptionBlock: &block)
        }
    }

    public func signWithSignatureKey(sha256 digest: [UInt8]) throws -> [UInt8] {
        guard let key = application.signatureKey?.keyReference else {
            throw CPSCardError.missingCardObject("the non-repudiation signature key")
        }
        return try channel.exclusively {
            let template: [UInt8] = [0x91, 0x02, ChipDocApplet.sha256WithRSA, UInt8(truncatingIfNeeded: key) | 0x80]
            _ = try sendRecovering(command(ins: 0x22, p1: 0x81, p2: 0xB6, data: template)).expectSuccess("MSE SET (signature)")
            let sign = command(ins: 0x2A, p1: 0x9E, p2: 0x9A, data: digest, expectedLength: 256)
            return try channel.send(sign).expectSuccess("PSO COMPUTE DIGITAL SIGNATURE")
        }
    }

    /// MSE SET for the authentication key, then PSO DECIPHER of a whole block by command
    /// chaining, without padding indicator: the card answers the bare RSA result.
    private func decipherBlock(_ block: [UInt8], operation: String) throws -> [UInt8] {
        let template: [UInt8] = [0x83, 0x01, application.authenticationKeyReference]
        _ = try sendRecovering(command(ins: 0x22, p1: 0x41, p2: 0xB8, data: template))
            .expectSuccess("MSE SET (authentication key)")
        let decipher = command(ins: 0x2A, p1: 0x80, p2: 0x86, data: block, expectedLength: 256)
        return try channel.sendChained(decipher).expectSuccess(operation)
    }

    private func presentPIN(_ pin: PIN) throws {
        let response = try SensitiveCommand(cla: ChipDocApplet.cla, ins: 0x20, p1: 0x00, p2: application.pinReference,
                                            data: application.pinBlock(pin)).send(through: channel)
        try PINAnswer.check(response, operation: "the PIN", serial: application.serialNumber)
    }

    /// Sends a command that carries no secret; when the card answers that channel 1 is closed
    /// (another program closed it), selects the applet again and sends the command once more.
    private func sendRecovering(_ command: CommandAPDU) throws -> ResponseAPDU {
        let response = try channel.send(command)
        guard response.status == .logicalChannelNotSupported else { return response }
        try Self.selectApplet(through: channel)
        return try channel.send(command)
    }

    /// Selects the ChipDoc applet on channel 1; when refused, runs the recovery sequence and
    /// tries once more.
    static func selectApplet(through channel: any CardChannel) throws {
        guard try channel.send(ChipDocApplet.select).status != .success else { return }
        for command in ChipDocApplet.reselection {
            _ = try channel.send(command)
        }
        let retried = try channel.send(ChipDocApplet.select)
        guard retried.status == .success else {
            throw CPSCardError.cardRefused(operation: "SELECT of the ChipDoc applet", status: retried.status)
        }
    }

    private func command(ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], expectedLength: Int? = nil) -> CommandAPDU {
        CommandAPDU(cla: ChipDocApplet.cla, ins: ins, p1: p1, p2: p2, data: data, expectedLength: expectedLength)
    }
}
