import SmartCard
@_spi(SecretBytesAccess) import VaultCrypto

/// MSE SET and the private-key operations of a simulated CPS4 (ChipDoc): the authentication key
/// works by PSO DECIPHER over a block the host padded, the signature key by PSO COMPUTE DIGITAL
/// SIGNATURE over a hash; IAS-ECC forms get the status words listed in `CPS4Layout`.
extension SimulatedCard {
    func chipDocSecurityEnvironment(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        let objects: [BERTLV]
        do {
            objects = try BERTLV.parseAll(command.data)
        } catch {
            throw CardRefusal(.incorrectData)
        }
        switch (command.p1, command.p2) {
        case (0x41, 0xB8):
            // 83 01 <key>: the key by its reference, no algorithm.
            guard objects.count == 1, objects[0].tag == 0x83, objects[0].value.count == 1 else {
                throw CardRefusal(.incorrectData)
            }
            guard objects[0].value[0] == CPS4Layout.authenticationKeyReference else {
                throw CardRefusal(.referencedDataNotFound)
            }
            chipDoc.authenticationKeySet = true
        case (0x81, 0xB6):
            // 91 02 <algorithm> <key | 80>.
            guard objects.count == 1, objects[0].tag == 0x91, objects[0].value.count == 2 else {
                throw CardRefusal(.incorrectData)
            }
            let (algorithmByte, key) = (objects[0].value[0], objects[0].value[1])
            if ChipDocSignatureAlgorithm.pss.contains(algorithmByte) { throw CardRefusal(.functionNotSupported) }
            guard let algorithm = ChipDocSignatureAlgorithm(rawValue: algorithmByte) else { throw CardRefusal(.incorrectData) }
            guard key == CPS4Layout.signatureKeyReference | 0x80 else { throw CardRefusal(.referencedDataNotFound) }
            chipDoc.signatureAlgorithm = algorithm
        default:
            throw CardRefusal(.incorrectP1P2)
        }
        return []
    }

    func chipDocSecurityOperation(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        switch (command.p1, command.p2) {
        case (0x80, 0x86):
            guard chipDoc.authenticationKeySet else { throw CardRefusal(.conditionsNotSatisfied) }
            guard session.pinVerified else { throw CardRefusal(.securityStatusNotSatisfied) }
            guard command.data.count == profile.authenticationKey.modulusByteCount else { throw CardRefusal(.incorrectData) }
            do {
                return try profile.authenticationKey.rawPrivateOperation(command.data).withUnsafeBytes { Array($0) }
            } catch {
                throw CardRefusal(.incorrectData)
            }
        case (0x9E, 0x9A):
            guard let algorithm = chipDoc.signatureAlgorithm else { throw CardRefusal(.conditionsNotSatisfied) }
            guard session.pinVerified else { throw CardRefusal(.securityStatusNotSatisfied) }
            guard command.data.count == algorithm.cardAlgorithm.digestLength else { throw CardRefusal(.wrongLength) }
            do {
                return try profile.signatureKey.signPKCS1(encodedDigestInfo: algorithm.cardAlgorithm.digestInfo(command.data))
            } catch {
                throw CardRefusal(.incorrectData)
            }
        default:
            throw CardRefusal(.incorrectP1P2)
        }
    }
}
