import SmartCard
@_spi(SecretBytesAccess) import VaultCrypto

/// PIN verification, MSE SET and the private-key operations of the two card keys.
extension SimulatedCard {
    func verify(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.p2 == CPS3Layout.pinReference else { throw CardRefusal(.referencedDataNotFound) }
        switch command.p1 {
        case 0xFF:
            session.pinVerified = false
            return []
        case 0x00:
            break
        default:
            throw CardRefusal(.incorrectP1P2)
        }
        guard !pinCounter.isBlocked else { throw CardRefusal(.authenticationMethodBlocked) }
        if command.data.isEmpty {
            if session.pinVerified { return [] }
            throw CardRefusal(.verificationFailed(triesLeft: pinCounter.remaining))
        }
        guard (4...12).contains(command.data.count) else { throw CardRefusal(.wrongLength) }
        try checkPresented(command.data)
        return []
    }

    /// MSE SET: a control reference template (P2 A4, B8, B6 or AA) whose data objects `80` (algorithm) and
    /// `84` (key reference) may come in either order, as OpenSC sends `84` first and the ANS library `80`.
    func manageSecurityEnvironment(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.p1 == 0x41 else { throw CardRefusal(.incorrectP1P2) }
        let template = command.p2
        let objects: [BERTLV]
        do {
            objects = try BERTLV.parseAll(command.data)
        } catch {
            throw CardRefusal(.incorrectData)
        }
        func single(_ tag: UInt32) -> UInt8? {
            guard let object = objects.first(where: { $0.tag == tag }), object.value.count == 1 else { return nil }
            return object.value[0]
        }
        guard let algorithmByte = single(0x80), let algorithm = CardAlgorithm(rawValue: algorithmByte) else {
            throw CardRefusal(.incorrectData)
        }
        let key = single(0x84)
        let accepted: Bool = switch (template, key, algorithm) {
        case (0xA4, CPS3Layout.authenticationKeyReference, .rsaPKCS1): true
        case (0xB8, CPS3Layout.authenticationKeyReference, .rsaPKCS1Decipher),
             (0xB8, CPS3Layout.authenticationKeyReference, .rsaDecipherSHA1),
             (0xB8, CPS3Layout.authenticationKeyReference, .rsaPKCS1): true
        case (0xB6, CPS3Layout.signatureKeyReference, .sha1WithRSA),
             (0xB6, CPS3Layout.signatureKeyReference, .sha256WithRSA): true
        case (0xAA, nil, .sha1), (0xAA, nil, .sha256): true
        case (0xA4, _, _), (0xB8, _, _), (0xB6, _, _), (0xAA, _, _): false
        default: throw CardRefusal(.incorrectP1P2)
        }
        guard accepted else { throw CardRefusal(.referencedDataNotFound) }
        session.environment[template] = SecurityEnvironmentEntry(keyReference: key ?? 0, algorithm: algorithm)
        return []
    }

    /// INTERNAL AUTHENTICATE: the authentication key signs a DigestInfo built by the host
    /// (at most 40 % of the modulus), after the PIN.
    func internalAuthenticate(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.p1 == 0, command.p2 == 0 else { throw CardRefusal(.incorrectP1P2) }
        guard session.environment[0xA4] != nil else { throw CardRefusal(.conditionsNotSatisfied) }
        guard session.pinVerified else { throw CardRefusal(.securityStatusNotSatisfied) }
        let limit = profile.authenticationKey.modulusByteCount * 2 / 5
        guard !command.data.isEmpty, command.data.count <= limit else { throw CardRefusal(.wrongLength) }
        return try sign(command.data, with: profile.authenticationKey)
    }

    func performSecurityOperation(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        switch (command.p1, command.p2) {
        case (0x80, 0x86): try decipher(command.data)
        case (0x90, 0xA0): try hash(command.data)
        case (0x9E, 0x9A): try computeDigitalSignature(command.data)
        default: throw CardRefusal(.incorrectP1P2)
        }
    }

    /// PSO DECIPHER: a padding indicator `81`, then a cryptogram as long as the modulus; the
    /// card answers the plaintext with the PKCS#1 padding removed.
    private func decipher(_ data: [UInt8]) throws(CardRefusal) -> [UInt8] {
        guard session.environment[0xB8] != nil else { throw CardRefusal(.conditionsNotSatisfied) }
        guard session.pinVerified else { throw CardRefusal(.securityStatusNotSatisfied) }
        guard data.first == 0x81 else { throw CardRefusal(.incorrectData) }
        let cryptogram = Array(data.dropFirst())
        guard cryptogram.count == profile.authenticationKey.modulusByteCount else { throw CardRefusal(.wrongLength) }
        do {
            let plaintext = try profile.authenticationKey.decryptPKCS1(cryptogram)
            return plaintext.withUnsafeBytes { Array($0) }
        } catch {
            throw CardRefusal(.incorrectData)
        }
    }

    /// PSO HASH in both forms clients send:
    /// - `90 Lh <hash>`: the host computed the whole hash;
    /// - the IAS-ECC form `90 L <state> 80 n <last bytes>` of the ANS library: the card finishes the hash from
    ///   the state the host reached after whole 64-byte blocks (`90 00` when it hashed none) and the last bytes.
    private func hash(_ data: [UInt8]) throws(CardRefusal) -> [UInt8] {
        guard let entry = session.environment[0xAA], let function = entry.algorithm.hashFunction else {
            throw CardRefusal(.conditionsNotSatisfied)
        }
        let objects: [BERTLV]
        do {
            objects = try BERTLV.parseAll(data)
        } catch {
            throw CardRefusal(.incorrectData)
        }
        guard let state = objects.first(where: { $0.tag == 0x90 }) else { throw CardRefusal(.incorrectData) }
        let digest: [UInt8]
        if let last = objects.first(where: { $0.tag == 0x80 }) {
            let resumed = state.value.isEmpty ? ResumableHash(function) : ResumableHash(function, resumingFrom: state.value)
            guard let resumed, last.value.count <= 64 else { throw CardRefusal(.incorrectData) }
            digest = resumed.finishing(last.value)
        } else {
            guard state.value.count == entry.algorithm.digestLength else { throw CardRefusal(.incorrectData) }
            digest = state.value
        }
        session.pendingHash = (entry.algorithm, digest)
        return []
    }

    /// PSO COMPUTE DIGITAL SIGNATURE with the non-repudiation key: over the hash given by PSO HASH when
    /// the command has no data, else over the hash in the command data (20 bytes SHA-1, 32 SHA-256), as
    /// the ANS library sends it without PSO HASH.
    private func computeDigitalSignature(_ data: [UInt8]) throws(CardRefusal) -> [UInt8] {
        guard let entry = session.environment[0xB6] else { throw CardRefusal(.conditionsNotSatisfied) }
        let hash: (algorithm: CardAlgorithm, digest: [UInt8])
        if data.isEmpty {
            guard let pending = session.pendingHash, entry.algorithm.hashAlgorithm == pending.algorithm else {
                throw CardRefusal(.conditionsNotSatisfied)
            }
            hash = pending
        } else {
            guard let algorithm = entry.algorithm.hashAlgorithm, data.count == algorithm.digestLength else {
                throw CardRefusal(.wrongLength)
            }
            hash = (algorithm, data)
        }
        guard session.pinVerified else { throw CardRefusal(.securityStatusNotSatisfied) }
        session.pendingHash = nil
        return try sign(hash.algorithm.digestInfo(hash.digest), with: profile.signatureKey)
    }

    private func sign(_ encodedDigestInfo: [UInt8], with key: RSAPrivateKey) throws(CardRefusal) -> [UInt8] {
        do {
            return try key.signPKCS1(encodedDigestInfo: encodedDigestInfo)
        } catch {
            throw CardRefusal(.incorrectData)
        }
    }

    func getChallenge(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.p1 == 0, command.p2 == 0, let length = command.expectedLength, length <= 256 else {
            throw CardRefusal(.wrongLength)
        }
        do {
            return try SecureRandom.bytes(count: length)
        } catch {
            throw CardRefusal(.memoryFailure)
        }
    }
}
