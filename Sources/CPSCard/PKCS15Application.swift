import SmartCard
import VaultCrypto

/// The PKCS#15 application of a CPS card as the card describes it: its PIN, its authentication
/// and signature keys and their certificates, found through EF.ODF so that no file identifier
/// but the standard ones is assumed. CPS3 and CPS4 carry it under the same AID and keep their
/// serial number in the same EF.SN.
struct PKCS15Application: Sendable {
    /// The contact PKCS#15 application's AID.
    static let aid: [UInt8] = [0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x10]
    /// The application folder of a CPS3 contact interface.
    static let cps3FolderPath: [UInt8] = [0x3F, 0x00, 0x00, 0x01]
    static let serialNumberPath: [UInt8] = [0x3F, 0x00, 0xD0, 0x03]
    static let directoryPath: [UInt8] = [0x3F, 0x00, 0x2F, 0x00]

    let files: CardFileReader
    /// The application's folder, a path from the MF.
    let folder: [UInt8]
    let tokenInfo: TokenInfo
    let pin: PINObject
    let authenticationKey: PrivateKeyObject
    let signatureKey: PrivateKeyObject?
    let certificates: [CertificateObject]

    /// Reads the application in `folder` (ODF `5031` and TokenInfo `5032` in it, the object
    /// directories where the ODF says).
    static func read(files: CardFileReader, folder: [UInt8]) throws -> PKCS15Application {
        let odfBytes = try files.read(path: folder + [0x50, 0x31])
        let odf = try parse("object directory (EF.ODF)") { try ObjectDirectory(parsing: odfBytes) }
        let tokenBytes = try files.read(path: folder + [0x50, 0x32])
        let tokenInfo = try parse("token information (EF.TokenInfo)") { try TokenInfo(parsing: tokenBytes) }
        func objects<T>(_ kind: PKCS15ObjectKind, _ what: String, _ decode: ([UInt8]) throws -> [T]) throws -> [T] {
            try odf.paths(of: kind).flatMap { path in
                let bytes = try files.read(path: absolute(path.path, in: folder))
                return try parse(what) { try decode(bytes) }
            }
        }
        let keys = try objects(.privateKeys, "private key directory (PrKDF)", PrivateKeyObject.parseDirectory)
        let pins = try objects(.authObjects, "authentication object directory (AODF)", PINObject.parseDirectory)
        let certificates = try objects(.certificates, "certificate directory (CDF)", CertificateObject.parseDirectory)

        guard let authenticationKey = keys.first(where: {
            $0.usage.contains(.sign) && $0.usage.contains(.decrypt) && $0.keyReference != nil
        }) else {
            throw CPSCardError.missingCardObject("authentication key (a key for signing and deciphering)")
        }
        let signatureKey = keys.first { $0.usage.contains(.nonRepudiation) && $0.keyReference != nil }
        guard let pin = pins.first(where: { $0.authID == authenticationKey.authID })
                ?? pins.first(where: { !$0.pinFlags.contains(.unblockingPin) && !$0.pinFlags.contains(.soPin) }) else {
            throw CPSCardError.missingCardObject("cardholder PIN")
        }
        return PKCS15Application(files: files, folder: folder, tokenInfo: tokenInfo, pin: pin, authenticationKey: authenticationKey,
                               signatureKey: signatureKey, certificates: certificates)
    }

    /// Reads EF.DIR and returns the folder of the application named `aid`: the path its record
    /// gives, or `fallback` when the record gives none.
    static func folder(of aid: [UInt8], files: CardFileReader) throws -> [UInt8] {
        let bytes = try files.read(path: directoryPath)
        let records = try parse("application directory (EF.DIR)") { try ApplicationTemplate.parseDirectory(bytes) }
        guard let record = records.first(where: { $0.aid == aid }) else {
            throw CPSCardError.missingCardObject("PKCS#15 application \(aid.hexString) in its directory (EF.DIR)")
        }
        guard let path = record.path, !path.isEmpty else {
            throw CPSCardError.malformedCardData(what: "application directory (EF.DIR)",
                                                 reason: "the record of \(aid.hexString) gives no path")
        }
        return absolute(path, in: [])
    }

    /// A PKCS#15 path made absolute: one starting with the MF is kept, any other is relative to `folder`.
    private static func absolute(_ path: [UInt8], in folder: [UInt8]) -> [UInt8] {
        path.starts(with: [0x3F, 0x00]) ? path : (folder.isEmpty ? [0x3F, 0x00] : folder) + path
    }

    /// Runs a parser, reporting its failure as malformed card data named `what`.
    private static func parse<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CPSCardError {
            throw error
        } catch {
            throw CPSCardError.malformedCardData(what: what, reason: "\(error)")
        }
    }

    /// The card's serial number, from EF.SN (`5A` and the number).
    func serialNumber() throws -> [UInt8] {
        let content = try files.read(path: Self.serialNumberPath)
        let object = try Self.parse("serial number (EF.SN)") { try BERTLV.parseOne(content) }
        guard object.tag == 0x5A, !object.value.isEmpty else {
            throw CPSCardError.malformedCardData(what: "serial number (EF.SN)", reason: "no tag 5A")
        }
        return object.value
    }

    /// The authentication certificate and, when the card has a signature key, its certificate.
    func cardCertificates() throws -> CardCertificates {
        CardCertificates(authentication: try certificate(matching: authenticationKey),
                         signature: try signatureKey.map { try certificate(matching: $0) })
    }

    /// The certificate whose PKCS#15 identifier is the key's.
    func certificate(matching key: PrivateKeyObject) throws -> X509Certificate {
        guard let object = certificates.first(where: { $0.id == key.id }) else {
            throw CPSCardError.missingCardObject("certificate for the key '\(key.label ?? key.id.hexString)'")
        }
        let der = try files.read(path: Self.absolute(object.path.path, in: folder))
        do {
            return try X509Certificate(derEncoded: der)
        } catch {
            throw CPSCardError.malformedCardData(what: "certificate '\(object.label ?? "")'", reason: "\(error)")
        }
    }

    var authenticationKeyReference: UInt8 { UInt8(truncatingIfNeeded: authenticationKey.keyReference ?? 0) }

    /// The authentication key's modulus length in bytes, from the PrKDF.
    var authenticationModulusByteCount: Int { (authenticationKey.modulusLength + 7) / 8 }

    var pinReference: UInt8 { UInt8(truncatingIfNeeded: pin.reference) }

    /// Checks that `pin` has a length the PIN object allows (4 to 8 digits when the AODF sets no
    /// maximum), before anything is sent.
    func checkNewPIN(_ pin: PIN) throws {
        let maximum = self.pin.maxLength ?? max(self.pin.storedLength, 8)
        let minimum = max(self.pin.minLength, 4)
        guard (minimum...max(minimum, maximum)).contains(pin.digits.count) else {
            throw CPSCardError.newPINLength(minimum: minimum, maximum: maximum)
        }
    }

    /// The VERIFY data for `pin`: its digits, padded to the stored length when the AODF says so.
    func pinBlock(_ pin: PIN) -> [UInt8] {
        var block = pin.digits.withUnsafeBytes { Array($0) }
        if self.pin.pinFlags.contains(.needsPadding), block.count < self.pin.storedLength {
            block += [UInt8](repeating: self.pin.padChar ?? 0xFF, count: self.pin.storedLength - block.count)
        }
        return block
    }

    /// The MSE SET algorithm reference TokenInfo gives for RSA PKCS#1 (PKCS#11 mechanism 1)
    /// signing or deciphering, or the CPS3 values (`02`, `0A`) when it gives none.
    func algorithmReference(forSigning signing: Bool) -> UInt8 {
        let operation: AlgorithmOperations = signing ? .computeSignature : .decipher
        let found = tokenInfo.supportedAlgorithms.first {
            $0.algorithm == 1 && $0.supportedOperations.contains(operation) && $0.algorithmReference != nil
        }
        return found?.algorithmReference.map { UInt8(truncatingIfNeeded: $0) } ?? (signing ? 0x02 : 0x0A)
    }
}
