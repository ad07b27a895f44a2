import SmartCard
import VaultStore

/// The check `cpsvault audit verify` makes of every row that decides access: the digest of each
/// key's rows, recomputed, is the one the log last stated for it, and a key the log stated rows
/// for still has them. It reports a modified, inserted or deleted row, and a binding entry edited
/// in place, each as a problem naming the key by opaque id.
enum BindingVerification {
    static func problems(in reader: any VaultReading) throws -> [String] {
        var problems: [String] = []
        var stated: [[UInt8]: [UInt8]] = [:]
        for entry in try reader.latestBindings() {
            guard let record = BindingRecord(entry) else {
                problems.append("entry \(entry.sequence), which states the digest of access facts, was edited")
                continue
            }
            stated[record.keyName] = record.digest
        }
        for key in try BindingKey.all(in: reader) {
            let name = key.name
            let recorded = stated.removeValue(forKey: name) ?? BindingState.empty(keyName: name)
            if try BindingState.digest(key, in: reader) != recorded {
                problems.append("\(key.description) changed outside the audit log")
            }
        }
        // What is left was stated for rows no longer there.
        for (name, digest) in stated where digest != BindingState.empty(keyName: name) {
            problems.append("rows stated under key \(Array(name.prefix(8)).hexString)… (a patient, a card or the settings) were deleted")
        }
        return problems
    }
}
