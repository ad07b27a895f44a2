@testable import VaultCrypto

/// The fixed inputs of the golden vectors in `Vectors/envelope-v1.json` and `Vectors/key-wrap-v1.json`.
enum GoldenFixtures {
    static let patientKey = SecretBytes(copying: (0..<32).map { UInt8($0) })
    static let context = RecordContext(
        vaultID: [UInt8](repeating: 0x11, count: 16), patientID: [UInt8](repeating: 0x22, count: 16),
        recordID: [UInt8](repeating: 0x33, count: 16), recordVersion: 3, keyVersion: 2,
        contentType: "application/fhir+json")
    static let noncePrefix: [UInt8] = [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7]

    /// `count` bytes of a fixed pattern, for plaintexts too long to store.
    static func pattern(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    }

    static let wrappingKey = SecretBytes(copying: (0..<32).map { UInt8(0x40 + $0) })
    static let wrappedKey = SecretBytes(copying: (0..<32).map { UInt8(0x80 + $0) })
    static let wrapNonce: [UInt8] = (0..<12).map { UInt8(0xb0 + $0) }
    static var wrapContext: [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault grant v1")
        encoder.append([UInt8](repeating: 0x11, count: 16))
        encoder.append([UInt8](repeating: 0x22, count: 16))
        encoder.append(UInt32(2))
        encoder.append("8001234567")
        return encoder.bytes
    }
}
