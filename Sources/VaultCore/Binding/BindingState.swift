import Foundation
import VaultCrypto
import VaultStore

/// The digest of the rows behind a `BindingKey`: each row that decides access encoded as an item
/// of its kind and fields, the items sorted, then hashed after a label and the key's name
/// (docs/FORMAT.md, Bound access facts). Any row modified, inserted or deleted changes it; the
/// order the store keeps rows in does not. Sealed payloads and wrapped keys are left out: they
/// are authenticated where they are opened, and a rekey rewrites them without changing access.
enum BindingState {
    /// The digest of the rows behind `key` as `reader` holds them.
    static func digest(_ key: BindingKey, in reader: any VaultReading) throws -> [UInt8] {
        switch key.scope {
        case .patient:
            return patientDigest(key, patient: try reader.patient(id: key.id), grants: try reader.grants(patientID: key.id),
                                 pendingGrants: try reader.pendingGrants(patientID: key.id),
                                 teamGrants: try reader.teamGrants(patientID: key.id), events: try reader.policyEvents(patientID: key.id))
        case .professional:
            return professionalDigest(key, enrolment: try reader.professional(fingerprint: key.id),
                                      teams: try reader.teams(fingerprint: key.id).map { $0.teamID })
        case .vault:
            return vaultDigest(try reader.metadata())
        }
    }

    /// A patient's access facts: whether the patient is there and shredded, the grants and
    /// pending grants (grantee and key version), the care teams entrusted, the policy events.
    static func patientDigest(_ key: BindingKey, patient: Patient?, grants: [Grant], pendingGrants: [PendingGrant],
                              teamGrants: [TeamGrant], events: [PolicyEvent]) -> [UInt8] {
        var items: [[UInt8]] = []
        if let patient { items.append(item("patient", [patient.shreddedAt == nil ? "0" : "1"])) }
        items += grants.map { item("grant", [$0.fingerprint, String($0.keyVersion)]) }
        items += pendingGrants.map { item("pending", [$0.fingerprint, String($0.keyVersion)]) }
        items += teamGrants.map { item("team", [$0.teamID]) }
        items += events.map { event in
            item("event", [event.eventID, event.kind, event.subjectFingerprint ?? [], event.recordedBy,
                           String(StoredTime.milliseconds(event.recordedAt))])
        }
        return digest(key, items)
    }

    /// A professional's enrolment: national id, role, certificate and removal, and the care
    /// teams they belong to (which a card not enrolled yet may already have).
    static func professionalDigest(_ key: BindingKey, enrolment: EnrolledProfessional?, teams: [[UInt8]]) -> [UInt8] {
        var items: [[UInt8]] = []
        if let enrolment {
            items.append(item("enrolment", [enrolment.nationalID, enrolment.role.rawValue, Digest.sha256(enrolment.certificate),
                                            enrolment.removedAt.map { String(StoredTime.milliseconds($0)) } ?? ""]))
        }
        items += teams.map { item("member", [$0]) }
        return digest(key, items)
    }

    /// The vault's settings: its id and the two-person rule.
    static func vaultDigest(_ metadata: VaultMetadata?) -> [UInt8] {
        digest(.vault, metadata.map { [item("settings", [$0.vaultID, $0.twoPersonRule ? "1" : "0"])] } ?? [])
    }

    /// The digest of `key` when no row stands behind it.
    static func empty(keyName: [UInt8]) -> [UInt8] {
        digest(keyName: keyName, [])
    }

    private static func digest(_ key: BindingKey, _ items: [[UInt8]]) -> [UInt8] {
        digest(keyName: key.name, items)
    }

    private static func digest(keyName: [UInt8], _ items: [[UInt8]]) -> [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault binding state v1")
        encoder.append(keyName)
        for item in items.sorted(by: { $0.lexicographicallyPrecedes($1) }) { encoder.append(item) }
        return Digest.sha256(encoder.bytes)
    }

    /// One row as an item: its kind, then its fields (bytes, or text as UTF-8), each length-prefixed.
    private static func item(_ kind: String, _ fields: [any BindingField]) -> [UInt8] {
        var encoder = ContextEncoder(label: kind)
        for field in fields { encoder.append(field.bindingBytes) }
        return encoder.bytes
    }
}

/// A field of a bound row: bytes as they are, text as UTF-8.
protocol BindingField {
    var bindingBytes: [UInt8] { get }
}

extension Array: BindingField where Element == UInt8 {
    var bindingBytes: [UInt8] { self }
}

extension String: BindingField {
    var bindingBytes: [UInt8] { Array(utf8) }
}
