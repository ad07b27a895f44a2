import SmartCard
import VaultCrypto

/// The PKCS#15 application of a CPS3 card as the card describes it: its PIN, its authentication
/// and signature keys and their certificates, found through EF.ODF so that no file identifier
/// but the standard ones is assumed.
struct CPS3Application: Sendable {
    /// The contact PKCS#15 application's AID.
    static let aid: [UInt8] = [0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x10]
    static let folderPath: [UInt8] = [0x3F, 0x00, 0x00, 0x01]
    static let serialNumberPath: [UInt8] = [0x3F, 0x00, 0xD0, 0x03]

    let files: CardFileReader
    let tokenInfo: TokenInfo
    let pin: PINObject
    let authenticationKey: PrivateKeyObject
    let signatureKey: PrivateKeyObject?
    let certificates: [CertificateObject]

    static func read(through channel: any CardChannel) throws -> CPS3Application {
        let files = CardFileReader(channel: channel)
        func parse<T>(_ what: String, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as CPSCardError {
                throw error
            } catch {
                throw CPSCardError.malformedCardData(what: what, reason: "\(error)")
            }
        }
        let odfBytes = try files.read(path: folderPath + [0x50, 0x31])
        let odf = try parse("object directory (EF.ODF)") { try ObjectDirectory(parsing: odfBytes) }
        let tokenBytes = try files.read(path: folderPath + [0x50, 0x32])
        let tokenInfo = try parse("token information (EF.TokenInfo)") { try TokenInfo(parsing: tokenBytes) }
        func objects<T>(_ kind: PKCS15ObjectKind, _ what: String, _ decode: ([UInt8]) throws -> [T]) throws -> [T] {
            try odf.paths(of: kind).flatMap { path in
                let bytes = try files.read(path: path.path)
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
        return CPS3Application(files: files, tokenInfo: tokenInfo, pin: pin, authenticationKey: authenticationKey,
                               signatureKey: signatureKey, certificates: certificates)
    }

    /// The certificate whose PKCS#15 identifier is the key's.
    func certificate(matching key: PrivateKeyObject) throws -> X509Certificate {
        guard let object = certificates.first(where: { $0.id == key.id }) else {
            throw CPSCardError.missingCardObject("certificate for the key '\(key.label ?? key.id.hexString)'")
        }
        let der = try files.read(path: object.path.path)
        do {
            return try X509Certificate(derEncoded: der)
        } catch {
            throw CPSCardError.malformedCardData(what: "certificate '\(object.label ?? "")'", reason: "\(error)")
        }
    }

    var authenticationKeyReference: UInt8 { UInt8(truncatingIfNeeded: authenticationKey.keyReference ?? 0) }

    var pinReference: UInt8 { UInt8(truncatingIfNeeded: pin.reference) }

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
