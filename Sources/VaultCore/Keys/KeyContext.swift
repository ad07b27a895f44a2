import VaultCrypto

/// The byte strings bound into every wrapped or sealed key: what the key is, for which vault,
/// patient, version and holder. A key moved to another row never opens (docs/KEYS.md).
enum KeyContext {
    static func wallet(vaultID: [UInt8], holder: [UInt8]) -> [UInt8] {
        encode("wallet", vaultID, holder)
    }

    static func vaultKey(vaultID: [UInt8], version: Int, holder: [UInt8]) -> [UInt8] {
        encode("vault key", vaultID, number(version), holder)
    }

    static func patientKey(vaultID: [UInt8], patientID: [UInt8], keyVersion: Int, holder: [UInt8]) -> [UInt8] {
        encode("patient key", vaultID, patientID, number(keyVersion), holder)
    }

    static func escrow(vaultID: [UInt8], patientID: [UInt8], keyVersion: Int, vaultKeyVersion: Int) -> [UInt8] {
        encode("escrow", vaultID, patientID, number(keyVersion), number(vaultKeyVersion))
    }

    static func depositKey(vaultID: [UInt8], vaultKeyVersion: Int) -> [UInt8] {
        encode("deposit key", vaultID, number(vaultKeyVersion))
    }

    static func indexKey(vaultID: [UInt8], vaultKeyVersion: Int) -> [UInt8] {
        encode("index key", vaultID, number(vaultKeyVersion))
    }

    private static func number(_ value: Int) -> [UInt8] { Array(String(value).utf8) }

    private static func encode(_ label: String, _ fields: [UInt8]...) -> [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault \(label) v1")
        fields.forEach { encoder.append($0) }
        return encoder.bytes
    }
}
