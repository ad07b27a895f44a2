import SmartCard
import VaultStore

/// What the audit log last stated about a `BindingKey`: the entry `binding.state` whose reason is
/// the key's name and the digest of its rows, both in hexadecimal (docs/FORMAT.md). The entry is
/// under the chain, the Merkle tree, the signed checkpoints and the workstation witness, so the
/// rows behind a key can change only through a write that states their new digest. The entry
/// names no patient: the key is opaque, and a patient's own history stays that of their acts.
struct BindingRecord {
    let keyName: [UInt8]
    let digest: [UInt8]
    let sequence: Int64

    /// The audit entry stating that the rows behind `key` now have `digest`.
    static func statement(_ key: BindingKey, digest: [UInt8]) -> AuditEvent {
        AuditEvent(actorFingerprint: nil, actorNationalID: nil, action: .bindingState, outcome: .granted,
                   reason: key.name.hexString + " " + digest.hexString)
    }

    /// Reads a binding entry; nil when its reason is not a key and a digest, or when its fields no
    /// longer hash to its hash (an entry edited in place states nothing).
    init?(_ entry: AuditEntry) {
        let parts = entry.reason.split(separator: " ")
        guard entry.action == AuditEntry.bindingAction, parts.count == 2,
              let keyName = [UInt8](hexString: String(parts[0])), keyName.count == 32,
              let digest = [UInt8](hexString: String(parts[1])), digest.count == 32,
              let outcome = AuditEvent.Outcome(rawValue: entry.outcome) else { return nil }
        let event = AuditEvent(actorFingerprint: entry.actorFingerprint, actorNationalID: entry.actorNationalID,
                               storedAction: entry.action, patientID: entry.patientID, outcome: outcome, reason: entry.reason)
        guard AuditHash.hash(of: entry, event: event) == entry.hash else { return nil }
        self.keyName = keyName
        self.digest = digest
        self.sequence = entry.sequence
    }

    /// The digest the log last stated for `key`: the empty digest when it never stated one.
    /// A newest entry that does not read as a binding is tampering.
    static func recordedDigest(_ key: BindingKey, in reader: any VaultReading) throws -> [UInt8] {
        let name = key.name
        guard let entry = try reader.latestBinding(key: name.hexString) else { return BindingState.empty(keyName: name) }
        guard let record = BindingRecord(entry), record.keyName == name else {
            throw VaultError.tampered("audit entry \(entry.sequence), which states \(key.description), was edited")
        }
        return record.digest
    }

    /// Throws `VaultError.tampered` unless `digest`, computed from the rows `reader` holds behind
    /// `key`, is the one the log last stated for it. Inside a write that changed those rows
    /// already, they were checked before the change and the write states them as it commits.
    static func check(_ key: BindingKey, digest: [UInt8], in reader: any VaultReading) throws {
        if let writer = reader as? BoundWriter, writer.hasChanged(key) { return }
        guard try recordedDigest(key, in: reader) == digest else {
            throw VaultError.tampered("\(key.description) changed outside the audit log")
        }
    }

    /// `check(_:digest:in:)` with the digest computed from `reader`.
    static func check(_ key: BindingKey, in reader: any VaultReading) throws {
        try check(key, digest: try BindingState.digest(key, in: reader), in: reader)
    }
}
