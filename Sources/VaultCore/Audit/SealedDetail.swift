import Foundation
import VaultCrypto

/// The part of an audit entry's reason that would tell a patient's relationships (whom they
/// opposed, to whom their key was granted or from whom withdrawn), sealed under the patient key
/// as `sealed:v<key version>:<base64>` (docs/FORMAT.md). The log in the clear then carries only
/// the actor, the act and opaque ids; those holding that version of the patient's key (their
/// professionals) read it in `audit show`, an administrator sees that it is sealed.
enum SealedDetail {
    static let prefix = "sealed:v"

    /// `detail` sealed under `key` for `patientID` of the vault `vaultID`.
    static func seal(_ detail: String, patientID: [UInt8], key: (key: SecretBytes, version: Int), vaultID: [UInt8]) throws -> String {
        let sealed = try SealedBlob.seal(Array(detail.utf8), key: key.key,
                                         context: context(vaultID: vaultID, patientID: patientID, keyVersion: key.version))
        return prefix + String(key.version) + ":" + Data(sealed).base64EncodedString()
    }

    /// The key version a sealed reason needs, or nil for a reason in the clear.
    static func keyVersion(of reason: String) -> Int? {
        guard reason.hasPrefix(prefix) else { return nil }
        return Int(reason.dropFirst(prefix.count).prefix { $0 != ":" })
    }

    /// The detail a sealed reason holds, or nil when `key` does not open it.
    static func open(_ reason: String, patientID: [UInt8], key: SecretBytes, vaultID: [UInt8]) -> String? {
        guard let version = keyVersion(of: reason),
              let encoded = reason.split(separator: ":", maxSplits: 2).last, let blob = Data(base64Encoded: String(encoded)),
              let plaintext = try? SealedBlob.open(Array(blob), key: key,
                                                   context: context(vaultID: vaultID, patientID: patientID, keyVersion: version))
        else { return nil }
        return String(decoding: plaintext, as: UTF8.self)
    }

    private static func context(vaultID: [UInt8], patientID: [UInt8], keyVersion: Int) -> RecordContext {
        RecordContext(vaultID: vaultID, patientID: patientID, recordID: patientID, recordVersion: 0,
                      keyVersion: UInt32(keyVersion), contentType: "application/vnd.cpsvault.audit-detail")
    }
}

extension SessionService {
    /// `detail` sealed under the patient's current key, which this professional holds.
    func sealedDetail(_ detail: String, patientID: [UInt8], key: (key: SecretBytes, version: Int)) throws -> String {
        try SealedDetail.seal(detail, patientID: patientID, key: key, vaultID: vault.vaultID)
    }

    /// The reason of an entry about `patientID` as this professional may read it: a sealed detail
    /// opened when they hold that version of the patient's key, else said to be sealed.
    func readableReason(_ reason: String, patientID: [UInt8]?) -> String {
        guard let version = SealedDetail.keyVersion(of: reason) else { return reason }
        guard let patientID, let key = try? patientKey(patientID, version: version),
              let detail = SealedDetail.open(reason, patientID: patientID, key: key, vaultID: vault.vaultID) else {
            return "sealed under the patient's key version \(version)"
        }
        return detail
    }
}
