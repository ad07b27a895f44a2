import SmartCard
import VaultCrypto

/// The PKCS#15 application of a CPS card as the card describes it: where EF.DIR puts it, its PIN, its
/// authentication and signature keys and their certificates, found through EF.ODF so that no file
/// identifier but the standard ones is assumed. CPS3 and CPS4 carry it under the same AID and keep their
/// serial number in the same EF.SN.
///
/// Paths in the directory files are read in every form the card clients of the field accept: from the MF,
/// relative to the application, inside an application named by AID, or empty for a key that lives in the
/// application DF and is addressed by its reference once that DF is selected.
struct PKCS15Application: Sendable {
    /// The contact PKCS#15 application's AID.
    static let aid: [UInt8] = [0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x10]
    /// Where a CPS3 contact interface keeps the application when the card has no EF.DIR.
    static let cps3FolderPath: [UInt8] = [0x3F, 0x00, 0x00, 0x01]
    static let directoryPath: [UInt8] = [0x3F, 0x00, 0x2F, 0x00]
    static let serialNumberPath: [UInt8] = [0x3F, 0x00, 0xD0, 0x03]

    let files: CardFileReader
    /// The application DF: its path from EF.DIR, or its AID when EF.DIR gives no path.
    let folder: CardFileLocation
    let tokenInfo: TokenInfo
    let pin: PINObject
    let authenticationKey: PrivateKeyObject
    let signatureKey: PrivateKeyObject?
    let certificates: [CertificateObject]

    /// Reads the application where EF.DIR puts it (ODF `5031` and TokenInfo `5032` in its DF, the object
    /// directories where the ODF says). A card without EF.DIR has its application at `defaultFolder`, a
    /// path from the MF; with no default, EF.DIR is required.
    static func read(files: CardFileReader, defaultFolder: [UInt8]?) throws -> PKCS15Application {
        let folder = try applicationFolder(files, defaultFolder: defaultFolder)
        let odfLocation = folder.appending([0x50, 0x31])
        let odfBytes = try files.read(odfLocation)
        let odf = try parse("object directory (EF.ODF)", at: odfLocation) { try ObjectDirectory(parsing: odfBytes) }
        let tokenLocation = folder.appending([0x50, 0x32])
        let tokenBytes = try files.read(tokenLocation)
        let tokenInfo = try parse("token information (EF.TokenInfo)", at: tokenLocation) { try TokenInfo(parsing: tokenBytes) }
        func objects<T>(_ kind: PKCS15ObjectKind, _ what: String, _ decode: ([UInt8]) throws -> [T]) throws -> [T] {
            try odf.paths(of: kind).flatMap { path in
                let location = locate(path, in: folder)
                let bytes = try files.read(location, index: path.index, length: path.length)
                return try parse(what, at: location) { try decode(bytes) }
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
        return PKCS15Application(files: files, folder: folder, tokenInfo: tokenInfo, pin: pin,
                                 authenticationKey: authenticationKey, signatureKey: signatureKey,
                                 certificates: certificates)
    }

    /// The contact application's DF as EF.DIR describes it: by the template whose own AID is the contact
    /// AID (the contactless template's discretionary data names the contact AID too, so it is not used to
    /// choose), at its path, or by its AID when the template gives no path. A card without EF.DIR gets
    /// `defaultFolder` when there is one; a malformed EF.DIR is refused.
    private static func applicationFolder(_ files: CardFileReader, defaultFolder: [UInt8]?) throws -> CardFileLocation {
        let directory = CardFileLocation.fromMasterFile(directoryPath)
        let content: [UInt8]
        do {
            content = try files.read(directory)
        } catch CPSCardError.cardRefused(let operation, let status) where status == .fileNotFound {
            guard let defaultFolder else {
                throw CPSCardError.cardRefused(operation: operation, status: status)
            }
            return .fromMasterFile(defaultFolder)
        }
        let templates = try parse("application directory (EF.DIR)", at: directory) {
            try ApplicationTemplate.parseDirectory(content)
        }
        guard let template = ApplicationTemplate.application(aid, in: templates) else {
            throw CPSCardError.missingCardObject("contact PKCS#15 application \(aid.hexString) in EF.DIR")
        }
        guard let path = template.path, !path.isEmpty else {
            return .inApplication(template.aid)
        }
        return .fromMasterFile(path)
    }

    /// Where a PKCS#15 path points: inside the application it names, from the MF when absolute, else
    /// relative to this application's DF.
    static func locate(_ path: PKCS15Path, in folder: CardFileLocation) -> CardFileLocation {
        if let aid = path.aid, aid != folder.aid {
            return path.isAbsolute ? .fromMasterFile(path.path) : .inApplication(aid, path.path)
        }
        return path.isAbsolute ? .fromMasterFile(path.path) : folder.appending(path.path)
    }

    /// Runs a parser, reporting its failure as malformed card data named `what`, found at `location`.
    private static func parse<T>(_ what: String, at location: CardFileLocation, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CPSCardError {
            throw error
        } catch {
            throw CPSCardError.malformedCardData(what: "\(what) at \(location)", reason: "\(error)")
        }
    }

    /// The DF to select before using `key`: its own DF, or for an empty path the application DF named in
    /// EF.DIR, selected by its AID (the key is then addressed by its reference alone).
    func directory(of key: PrivateKeyObject) -> CardFileLocation {
        guard key.path.isApplicationDF else {
            return Self.locate(key.path, in: folder)
        }
        return .inApplication(key.path.aid ?? folder.aid ?? Self.aid)
    }

    /// The card's serial number, from EF.SN (`5A` and the number).
    func serialNumber() throws -> [UInt8] {
        let location = CardFileLocation.fromMasterFile(Self.serialNumberPath)
        let content = try files.read(location)
        let object = try Self.parse("serial number (EF.SN)", at: location) { try BERTLV.parseOne(content) }
        guard object.tag == 0x5A, !object.value.isEmpty else {
            throw CPSCardError.malformedCardData(what: "serial number (EF.SN) at \(location)", reason: "no tag 5A")
        }
        return object.value
    }

    /// The authentication certificate and, when the card has a signature key, its certificate, with the
    /// repairs their encodings needed.
    func cardCertificates() throws -> CardCertificates {
        let authentication = try certificate(matching: authenticationKey)
        let signature = try signatureKey.map { try certificate(matching: $0) }
        return CardCertificates(
            authentication: authentication.certificate, signature: signature?.certificate,
            repairs: [authentication.repair, signature?.repair].compactMap { $0 })
    }

    /// The certificate whose PKCS#15 identifier is the key's, with the repair its encoding needed.
    func certificate(matching key: PrivateKeyObject) throws -> (certificate: X509Certificate, repair: CertificateRepair?) {
        guard let object = certificates.first(where: { $0.id == key.id }) else {
            throw CPSCardError.missingCardObject("certificate for the key '\(key.label ?? key.id.hexString)'")
        }
        let location = Self.locate(object.path, in: folder)
        let stored = try files.read(location, index: object.path.index, length: object.path.length)
        let label = object.label ?? object.id.hexString
        let (der, repair) = CertificateRepair.repairing(stored, label: label)
        do {
            return (try X509Certificate(derEncoded: der), repair)
        } catch {
            throw CPSCardError.malformedCardData(what: "certificate '\(label)' at \(location)", reason: "\(error)")
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

    /// The VERIFY data for `pin`: its digits, padded to the stored length when the AODF says so,
    /// in secret storage.
    func pinBlock(_ pin: PIN) -> SecretBytes {
        guard self.pin.pinFlags.contains(.needsPadding) else { return pin.digits.slice(0..<pin.digits.count) }
        return pin.digits.padded(to: self.pin.storedLength, with: self.pin.padChar ?? 0xFF)
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
