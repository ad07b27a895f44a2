import SwiftASN1
import Testing
import SmartCard

@Suite struct PKCS15Tests {
    typealias S = PKCS15Samples

    // MARK: Hand-checked samples

    @Test func privateKeySample() throws {
        let keys = try PrivateKeyObject.parseDirectory(S.privateKey + [0x00, 0x00, 0x00])
        let expected = PrivateKeyObject(
            label: "CPS_PRIV_AUT", objectFlags: .private, authID: [0x01], id: S.authKeyID,
            usage: [.decrypt, .sign], keyReference: 0x82, path: PKCS15Path(path: [0x3F, 0x00, 0x00, 0x01]),
            modulusLength: 2048)
        #expect(keys == [expected])
        #expect(PrivateKeyObject.encodeDirectory([expected]) == S.privateKey)
    }

    @Test func certificateSample() throws {
        let expected = CertificateObject(
            label: "Certificat d'Authentification CPS", id: S.authKeyID,
            path: PKCS15Path(path: [0x3F, 0x00, 0x00, 0x01, 0xD1, 0x21]))
        #expect(try CertificateObject.parseDirectory(S.certificate) == [expected])
        #expect(CertificateObject.encodeDirectory([expected]) == S.certificate)
    }

    @Test func pinSample() throws {
        let expected = PINObject(
            label: "PIN CPS", objectFlags: [.private, .modifiable], authID: [0x01],
            pinFlags: [.local, .initialized, .needsPadding], pinType: .asciiNumeric, minLength: 4, storedLength: 8,
            maxLength: 8, reference: 1, padChar: 0xFF, path: PKCS15Path(path: [0x3F, 0x00]))
        #expect(try PINObject.parseDirectory(S.pin) == [expected])
        #expect(PINObject.encodeDirectory([expected]) == S.pin)
    }

    @Test func odfSample() throws {
        let odf = try ObjectDirectory(parsing: S.odf)
        #expect(odf.entries.map(\.kind) == [.privateKeys, .certificates, .authObjects])
        #expect(odf.paths(of: .certificates) == [PKCS15Path(path: [0x70, 0x02])])
        #expect(odf.paths(of: .dataObjects).isEmpty)
        #expect(odf.encoded == Array(S.odf.dropLast(2)))
    }

    @Test func tokenInfoSample() throws {
        let info = try TokenInfo(parsing: S.tokenInfo)
        let expected = TokenInfo(
            version: 0, serialNumber: [0x80, 0x25, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04], manufacturerID: "ASIP SANTE",
            label: "CPS3v3-12345", flags: [.readOnly, .loginRequired],
            supportedAlgorithms: [
                AlgorithmInfo(reference: 1, algorithm: 1, supportedOperations: [.computeSignature, .decipher],
                              algorithmReference: 2)
            ])
        #expect(info == expected)
        #expect(expected.encoded == S.tokenInfo)
    }

    @Test func applicationTemplateSample() throws {
        let expected = ApplicationTemplate(aid: S.applicationID, label: "CPX IAS", path: [0x3F, 0x00, 0x00, 0x01])
        #expect(try ApplicationTemplate.parseDirectory(S.efDir) == [expected])
        #expect(expected.encoded == Array(S.efDir.dropLast(3)))
    }

    // MARK: Flag bit strings as OpenSC's encode_bit_field writes them

    @Test(arguments: [
        (KeyUsageFlags([.decrypt, .sign]), [0x03, 0x02, 0x05, 0x60] as [UInt8]),
        (KeyUsageFlags.nonRepudiation, [0x03, 0x03, 0x06, 0x00, 0x40]),
        (KeyUsageFlags([.encrypt, .verifyRecover]), [0x03, 0x02, 0x00, 0x81]),
        (KeyUsageFlags.derive, [0x03, 0x03, 0x07, 0x00, 0x80]),
    ])
    func keyUsageBitStrings(usage: KeyUsageFlags, bitString: [UInt8]) throws {
        let key = PrivateKeyObject(id: [1], usage: usage, path: PKCS15Path(path: []), modulusLength: 1024)
        let encoded = PrivateKeyObject.encodeDirectory([key])
        #expect(encoded.contains(bitString))
        #expect(try PrivateKeyObject.parseDirectory(encoded).first?.usage == usage)
    }

    @Test func constructedTokenLabelIsAccepted() throws {
        let wrapped = S.replacing(S.tokenInfo, [0x80, 0x0C], with: [0xA0, 0x0E, 0x0C, 0x0C])
        let withLengthFixed = S.replacing(wrapped, [0x30, 0x3E], with: [0x30, 0x40])
        #expect(try TokenInfo(parsing: withLengthFixed).label == "CPS3v3-12345")
    }

    @Test func emptyTokenFlagsAreStillWritten() throws {
        let info = TokenInfo(serialNumber: [1])
        #expect(info.encoded == [0x30, 0x09, 0x02, 0x01, 0x00, 0x04, 0x01, 0x01, 0x03, 0x01, 0x00])
        #expect(try TokenInfo(parsing: info.encoded) == info)
    }

    // MARK: Round trips with every field set

    @Test func everyTypeRoundTrips() throws {
        let path = PKCS15Path(path: [0x3F, 0x00, 0x50, 0x15, 0x44, 0x01], index: 0, length: 1200)
        let key = PrivateKeyObject(
            label: "CPS_PRIV_SIG", objectFlags: [.private, .modifiable], authID: [0x01], id: S.applicationID + [0x01],
            usage: .nonRepudiation, native: false, accessFlags: [.sensitive, .neverExtractable, .local],
            keyReference: 0x81, path: path, modulusLength: 2048)
        #expect(try PrivateKeyObject.parseDirectory(PrivateKeyObject.encodeDirectory([key, key])) == [key, key])

        let certificate = CertificateObject(
            label: "AC", objectFlags: .modifiable, id: [0x42], authority: true, path: path)
        #expect(try CertificateObject.parseDirectory(CertificateObject.encodeDirectory([certificate])) == [certificate])

        let puk = PINObject(
            label: "PUK", authID: [0x02],
            pinFlags: [.caseSensitive, .unblockingPin, .soPin, .exchangeRefData, .changeDisabled],
            pinType: .utf8, minLength: 8, storedLength: 8, reference: 0x81)
        #expect(try PINObject.parseDirectory(PINObject.encodeDirectory([puk])) == [puk])

        let odf = ObjectDirectory(entries: PKCS15ObjectKind.allCases.map {
            ObjectDirectory.Entry(kind: $0, path: PKCS15Path(path: [0x70, $0.rawValue]))
        })
        #expect(try ObjectDirectory(parsing: odf.encoded) == odf)

        let info = TokenInfo(
            version: 1, serialNumber: [0x12, 0x34], label: "Test", flags: [.prnGeneration, .eidCompliant],
            supportedAlgorithms: [
                AlgorithmInfo(reference: 1, algorithm: 0x40, parameters: .absent, supportedOperations: .hash),
                AlgorithmInfo(
                    reference: 2, algorithm: 0x1041, parameters: .namedCurve([1, 2, 840, 10045, 3, 1, 7]),
                    supportedOperations: [.computeSignature, .generateKey],
                    algorithmID: [1, 2, 840, 10045, 4, 3, 2], algorithmReference: 0x42),
            ])
        #expect(try TokenInfo(parsing: info.encoded) == info)

        let app = ApplicationTemplate(aid: [0xA0, 0x00, 0x00, 0x00, 0x63], label: "é", discretionaryData: [0x01, 0x00])
        #expect(try ApplicationTemplate.parseDirectory(app.encoded + app.encoded) == [app, app])
    }

    // MARK: Unknown CHOICE alternatives

    @Test func otherAlternativesAreSkipped() throws {
        let ecKey: [UInt8] = [0xA0, 0x02, 0x30, 0x00]
        #expect(try PrivateKeyObject.parseDirectory(ecKey + S.privateKey + ecKey).count == 1)
        let biometric: [UInt8] = [0xA0, 0x02, 0x30, 0x00]
        let authKey: [UInt8] = [0xA1, 0x02, 0x30, 0x00]
        #expect(try PINObject.parseDirectory(biometric + S.pin + authKey).map(\.reference) == [1])
        let attributeCertificate: [UInt8] = [0xA0, 0x02, 0x30, 0x00]
        #expect(try CertificateObject.parseDirectory(attributeCertificate + S.certificate).count == 1)
    }

    // MARK: Malformed input

    @Test(arguments: [
        ("truncated" as String, Array(S.privateKey.dropLast(1))),
        ("length beyond the file", [0x30, 0x82, 0xFF, 0xFF] + S.privateKey),
        ("non-minimal DER length", [0x30, 0x81, 0x41] + S.privateKey.dropFirst(2)),
        ("data after padding", S.privateKey + [0x00, 0x30, 0x00]),
        ("missing modulusLength", S.replacing(S.privateKey, [0x02, 0x02, 0x08, 0x00], with: [])),
        ("usage not a bit string", S.replacing(S.privateKey, [0x03, 0x02, 0x05, 0x60], with: [0x04, 0x02, 0x05, 0x60])),
        ("bit string with more than 7 unused bits", S.replacing(S.privateKey, [0x03, 0x02, 0x05, 0x60], with: [0x03, 0x02, 0x09, 0x60])),
        ("empty object", [0x30, 0x00]),
    ] as [(String, [UInt8])])
    func malformedPrivateKeyDirectories(name: String, bytes: [UInt8]) {
        #expect(throws: SmartCardError.self, "\(name)") { try PrivateKeyObject.parseDirectory(bytes) }
    }

    @Test func malformedPINAndCertificateDirectories() {
        let badType = S.replacing(S.pin, [0x0A, 0x01, 0x01], with: [0x0A, 0x01, 0x09])
        #expect(throws: SmartCardError.self) { try PINObject.parseDirectory(badType) }
        let longPad = S.replacing(S.pin, [0x04, 0x01, 0xFF], with: [0x04, 0x02, 0xFF, 0xFF])
        #expect(throws: SmartCardError.self) { try PINObject.parseDirectory(longPad) }
        let badLabel = S.replacing(S.certificate, Array("Certificat".utf8), with: [0xC3, 0x28] + Array("rtificat".utf8))
        #expect(throws: SmartCardError.self) { try CertificateObject.parseDirectory(badLabel) }
    }

    @Test func malformedODFTokenInfoAndDirectory() {
        #expect(throws: SmartCardError.self) { try ObjectDirectory(parsing: [0xA9, 0x06, 0x30, 0x04, 0x04, 0x02, 0x70, 0x01]) }
        #expect(throws: SmartCardError.self) { try ObjectDirectory(parsing: [0x30, 0x04, 0x04, 0x02, 0x70, 0x01]) }
        #expect(throws: SmartCardError.self) { try TokenInfo(parsing: S.tokenInfo + S.tokenInfo) }
        #expect(throws: SmartCardError.self) { try TokenInfo(parsing: []) }
        #expect(throws: SmartCardError.self) { try TokenInfo(parsing: Array(S.tokenInfo.prefix(25))) }
        #expect(throws: SmartCardError.self) { try ApplicationTemplate.parseDirectory([0x62, 0x03, 0x4F, 0x01, 0x01]) }
        #expect(throws: SmartCardError.self) { try ApplicationTemplate.parseDirectory([0x61, 0x03, 0x50, 0x01, 0x41]) }
        #expect(throws: SmartCardError.self) { try ApplicationTemplate.parseDirectory([0x61, 0x05, 0x4F, 0x03, 0x01]) }
    }
}
