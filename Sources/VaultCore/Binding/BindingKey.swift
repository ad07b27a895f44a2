import SmartCard
import VaultCrypto
import VaultStore

/// One set of rows that decides access, as the audit log names it when it states their digest:
/// a patient's access facts, a professional's enrolment, or the vault's settings
/// (docs/FORMAT.md, Bound access facts). The log knows it only by `name`, an opaque hash.
struct BindingKey: Hashable, Sendable {
    enum Scope: String, Sendable {
        case patient, professional, vault
    }

    let scope: Scope
    /// The patient id, the certificate fingerprint, or nothing for the vault.
    let id: [UInt8]

    static func patient(_ patientID: [UInt8]) -> BindingKey { BindingKey(scope: .patient, id: patientID) }
    static func professional(_ fingerprint: [UInt8]) -> BindingKey { BindingKey(scope: .professional, id: fingerprint) }
    static let vault = BindingKey(scope: .vault, id: [])

    /// Every key with rows behind it in `reader`: the settings, each enrolled card and each card
    /// in a care team, each patient.
    static func all(in reader: any VaultReading) throws -> [BindingKey] {
        let members = try reader.teams().flatMap { try reader.members(teamID: $0.teamID).map(\.fingerprint) }
        var seen: Set<[UInt8]> = []
        let holders = (try reader.professionals().map(\.fingerprint) + members).filter { seen.insert($0).inserted }
        return [.vault] + holders.map(BindingKey.professional) + (try reader.patients().map { BindingKey.patient($0.patientID) })
    }

    /// SHA-256 over the label, the scope and the id, each length-prefixed.
    var name: [UInt8] {
        var encoder = ContextEncoder(label: "cpsvault binding key v1")
        encoder.append(scope.rawValue)
        encoder.append(id)
        return Digest.sha256(encoder.bytes)
    }

    /// What a tampering report calls these rows; ids are opaque, never a patient's data.
    var description: String {
        switch scope {
        case .patient: "the access facts of patient \(id.hexString) (grants, care teams, consents, oppositions, hosting)"
        case .professional: "the enrolment of the card \(Array(id.prefix(8)).hexString)… (role, removal, care teams)"
        case .vault: "the vault's settings (the two-person rule)"
        }
    }
}
