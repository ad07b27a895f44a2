import SmartCard
import VaultCrypto

/// GET DATA for IAS-ECC security data objects (SDO): the PIN's and the keys' descriptors, which
/// tell a client the tries left, the key size and what each key may be used for.
///
/// The request is `4D Lx 70 Ly BF cc rr Lz <tag> 80`, where `cc` is the object class with bit 8
/// set (`81` a PIN, `90` an RSA private key), `rr` its reference and `<tag>` the part wanted:
/// `A0` the descriptor, `7F41`/`7F48` public data, which this card does not give out (`6A 86`,
/// on which clients fall back to the descriptor). PINs answer from the MF, keys from the
/// PKCS#15 application, and anything elsewhere is `6A 88`.
extension SimulatedCard {
    func getData(_ command: CommandAPDU) throws(CardRefusal) -> [UInt8] {
        guard command.p1 == 0x3F, command.p2 == 0xFF else { throw CardRefusal(.wrongP1P2) }
        let request = try SDORequest(command.data)
        guard request.part == [0xA0] else { throw CardRefusal(.incorrectP1P2) }
        let descriptor: [BERTLV]
        switch (request.objectClass, session.currentFolder) {
        case (0x81, [CPS3Layout.masterFile]) where request.reference == CPS3Layout.pinReference:
            descriptor = pinDescriptor
        case (0x90, [CPS3Layout.masterFile, CPS3Layout.pkcs15Folder]):
            guard let (key, rules) = key(reference: request.reference | 0x80) else {
                throw CardRefusal(.referencedDataNotFound)
            }
            let size = key.modulusByteCount
            descriptor = [
                BERTLV(tag: 0x80, value: [UInt8(size >> 8), UInt8(size & 0xFF)]),
                BERTLV(tag: 0xA1, children: [BERTLV(tag: 0x8C, value: rules)]),
            ]
        default:
            throw CardRefusal(.referencedDataNotFound)
        }
        let object = BERTLV(tag: 0xBF_0000 | UInt32(request.objectClass) << 8 | UInt32(request.reference),
                            children: [BERTLV(tag: 0xA0, children: descriptor)])
        return BERTLV(tag: 0x70, children: [object]).encoded
    }

    /// Tries maximum and left, then the PIN's own access rules as the real card gives them.
    private var pinDescriptor: [BERTLV] {
        [
            BERTLV(tag: 0x9A, value: [UInt8(pinCounter.maximum)]),
            BERTLV(tag: 0x9B, value: [UInt8(pinCounter.remaining)]),
            BERTLV(tag: 0xA1, children: [BERTLV(tag: 0x8C, value: [0xF3, 0x00, 0x00, 0x13, 0xFF, 0x00])]),
        ]
    }

    /// The key with that reference and its access rules: mode byte `7B` (PSO CDS, internal
    /// authenticate, PSO DECIPHER, generate, put data, get data), then one condition each:
    /// `11` after PIN 1, `FF` never, `00` always.
    private func key(reference: UInt8) -> (RSAPrivateKey, [UInt8])? {
        switch reference {
        case CPS3Layout.authenticationKeyReference:
            (profile.authenticationKey, [0x7B, 0xFF, 0x11, 0x11, 0xFF, 0xFF, 0x00])
        case CPS3Layout.signatureKeyReference:
            (profile.signatureKey, [0x7B, 0x11, 0xFF, 0xFF, 0xFF, 0xFF, 0x00])
        default:
            nil
        }
    }
}

/// A parsed GET DATA request for a security data object.
private struct SDORequest {
    var objectClass: UInt8
    var reference: UInt8
    /// The tag of the part asked for, without the trailing `80`.
    var part: [UInt8]

    init(_ data: [UInt8]) throws(CardRefusal) {
        // 4D Lx 70 Ly BF cc rr Lz <tag> 80
        guard data.count >= 10, data[0] == 0x4D, Int(data[1]) == data.count - 2,
              data[2] == 0x70, Int(data[3]) == data.count - 4, data[4] == 0xBF,
              Int(data[7]) == data.count - 8, data.last == 0x80 else {
            throw CardRefusal(.incorrectData)
        }
        objectClass = data[5]
        reference = data[6]
        part = Array(data[8..<(data.count - 1)])
    }
}
