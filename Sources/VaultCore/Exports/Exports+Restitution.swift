import Foundation
import VaultCrypto
import VaultStore

extension Exports {
    /// Writes a patient's whole dossier for restitution (L1111-8, end of hosting): every version
    /// of every record, byte for byte, the patient's identity, and the history of their consents,
    /// objections and grants, as a tar archive (docs/EXPORTS.md) signed by this card and
    /// encrypted to `destination`'s recipients. Allowed to a physician the patient designated,
    /// and to an administrator of the hosting once the hosting has ended or the patient asked
    /// for their data back (under the two-person rule, with `approval`). The dossier goes only
    /// to the patient's designated professionals or to a certificate named in `namedRecipients`
    /// (the configuration's restitution certificates), each validated against the vault's
    /// trust. Refusals and aborts are audited. Memory stays flat whatever the dossier's size;
    /// the file appears only once complete.
    public func exportRestitution(patient: PatientID, to destination: ExportDestination,
                                  namedRecipients: [X509Certificate] = [], approval: AdministratorApproval? = nil,
                                  progress: (ExportProgress) -> Void = { _ in }) throws -> ExportSummary {
        let patientID = patient.bytes
        let admission = try admit(.restitutionExport, patient: patientID, as: .exportRestitution)
        if role == .admin { try requireSecondAdministrator(approval, for: admission) }
        if let refusal = try RestitutionRecipients(session: session, patientID: patientID, named: namedRecipients)
            .refusal(of: destination.recipients) {
            try auditRefusal(.exportRestitution, patient: patientID, refusal)
        }
        return try audited([admission], destination: destination) { container in
            let dossier = try RestitutionDossier(session: session, patientID: patientID)
            let written = try container.write { sink in
                try dossier.write(to: TarWriter(sink: sink, modificationTime: container.signingTime)) { recordsDone in
                    progress(ExportProgress(export: "restitution", pass: sink.pass, patientsDone: 0, patientsTotal: 1,
                                            recordsDone: recordsDone, contentBytes: sink.byteCount))
                }
            }
            progress(ExportProgress(export: "restitution", pass: .write, patientsDone: 1, patientsTotal: 1,
                                    recordsDone: dossier.records.count, contentBytes: written.contentBytes))
            return exportSummary("restitution", format: "tar", destination: destination, patients: 1,
                                 items: dossier.records.count, written: written)
        }
    }
}

/// One patient's dossier as a restitution archive lays it out, read once from the store so that
/// both passes of the container write the same bytes.
struct RestitutionDossier {
    let session: VaultSession
    let patientID: [UInt8]
    let key: (key: SecretBytes, version: Int)
    let records: [RecordVersion]
    let patientFile: [UInt8]
    let accessFile: [UInt8]
    let authors: [[UInt8]: String]

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    init(session: VaultSession, patientID: [UInt8]) throws {
        self.session = session
        self.patientID = patientID
        key = try session.exportKey(patientID)
        let vault = session.vault
        let (patient, rows, events, grants, pending, teams) = try vault.store.read { reader in
            (try reader.patient(id: patientID), try reader.recordVersions(patientID: patientID),
             try reader.policyEvents(patientID: patientID), try reader.grants(patientID: patientID),
             try reader.pendingGrants(patientID: patientID), try reader.teamGrants(patientID: patientID))
        }
        guard let patient else { throw VaultError.noSuchPatient }
        records = rows.sorted { ($0.createdAt, $0.recordID.hexString, $0.version) < ($1.createdAt, $1.recordID.hexString, $1.version) }
        authors = try session.nationalIDs()
        let identity = try JSONDecoder().decode(PatientIdentity.self, from: Data(SealedBlob.open(
            patient.identity, key: key.key, context: session.identityContext(patientID, keyVersion: key.version))))
        patientFile = Array(try Self.encoder.encode(RestitutionPatient(patientID: patientID.hexString, createdAt: patient.createdAt,
                                                                       identity: identity)))
        let names = authors
        func name(_ fingerprint: [UInt8]?) -> String? { fingerprint.map { names[$0] ?? $0.hexString } }
        let statementKey = key
        let access = RestitutionAccessHistory(
            policyEvents: try events.map { event in
                let statement = try SealedBlob.open(event.payload, key: statementKey.key,
                                                    context: session.policyContext(patientID, eventID: event.eventID,
                                                                                   keyVersion: statementKey.version))
                return .init(kind: event.kind, recordedAt: event.recordedAt, recordedBy: name(event.recordedBy) ?? "",
                             subject: name(event.subjectFingerprint), statement: String(decoding: statement, as: UTF8.self))
            },
            grants: grants.map { .init(professional: name($0.fingerprint) ?? "", keyVersion: $0.keyVersion, pending: false,
                                       grantedBy: name($0.grantedBy) ?? "", grantedAt: $0.grantedAt) }
                + pending.map { .init(professional: name($0.fingerprint) ?? "", keyVersion: $0.keyVersion, pending: true,
                                      grantedBy: name($0.grantedBy) ?? "", grantedAt: $0.grantedAt) },
            teamGrants: teams.map { .init(team: $0.teamID.hexString, grantedBy: name($0.grantedBy) ?? "", grantedAt: $0.grantedAt) })
        accessFile = Array(try Self.encoder.encode(access))
    }

    /// Writes the archive: the patient, each record version, the access history, the manifest last
    /// (it carries each record's SHA-256, computed as the record is written).
    func write(to tar: TarWriter, afterEachRecord: (Int) -> Void) throws {
        try tar.addFile(named: "patient.json", contents: patientFile)
        var entries: [RestitutionManifest.Record] = []
        for row in records {
            let contentType = try session.openContentType(row, key: key.key)
            let file = "records/\(row.recordID.hexString)/\(row.version)\(Self.fileExtension(contentType))"
            let hasher = SHA256Stream()
            do {
                try tar.addFile(named: file, size: row.plaintextSize) { write in
                    try session.openContent(of: row, key: key.key) { data in
                        hasher.update(data)
                        try write(data)
                    }
                }
            } catch is CryptoError {
                throw VaultError.recordTampered(recordID: RecordID(bytes: row.recordID))
            }
            entries.append(.init(file: file, recordID: row.recordID.hexString, version: row.version, contentType: contentType,
                                 size: row.plaintextSize, sha256: hasher.finish().hexString,
                                 author: authors[row.authorFingerprint] ?? row.authorFingerprint.hexString, createdAt: row.createdAt))
            afterEachRecord(entries.count)
        }
        try tar.addFile(named: "consent-and-access.json", contents: accessFile)
        let manifest = RestitutionManifest(vaultID: session.vault.vaultID.hexString, patientID: patientID.hexString,
                                           exportedAt: tar.modificationTime, exportedBy: session.professional.nationalID.rawValue,
                                           records: entries)
        try tar.addFile(named: "manifest.json", contents: Array(try Self.encoder.encode(manifest)))
        try tar.finish()
    }

    /// A file name extension for common content types, so that the restituted files open.
    static func fileExtension(_ contentType: String) -> String {
        switch contentType.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
        case "application/fhir+json", "application/json": ".json"
        case "text/plain": ".txt"
        case "application/pdf": ".pdf"
        case "text/xml", "application/xml", "application/fhir+xml": ".xml"
        case "image/jpeg": ".jpg"
        case "image/png": ".png"
        default: ".bin"
        }
    }
}

/// `patient.json` in a restitution archive.
struct RestitutionPatient: Encodable {
    var format = "cpsvault-restitution-patient/1"
    var patientID: String
    var createdAt: Date
    var identity: PatientIdentity
}

/// `consent-and-access.json` in a restitution archive: the patient's policy events with their
/// statements, and who held their key.
struct RestitutionAccessHistory: Encodable {
    struct Event: Encodable {
        var kind: String
        var recordedAt: Date
        var recordedBy: String
        var subject: String?
        var statement: String
    }
    struct KeyGrant: Encodable {
        var professional: String
        var keyVersion: Int
        var pending: Bool
        var grantedBy: String
        var grantedAt: Date
    }
    struct TeamKeyGrant: Encodable {
        var team: String
        var grantedBy: String
        var grantedAt: Date
    }
    var format = "cpsvault-restitution-access/1"
    var policyEvents: [Event]
    var grants: [KeyGrant]
    var teamGrants: [TeamKeyGrant]
}

/// `manifest.json`, the last entry of a restitution archive.
struct RestitutionManifest: Encodable {
    struct Record: Encodable {
        var file: String
        var recordID: String
        var version: Int
        var contentType: String
        var size: Int64
        var sha256: String
        var author: String
        var createdAt: Date
    }
    var format = "cpsvault-restitution/1"
    var vaultID: String
    var patientID: String
    var exportedAt: Date
    var exportedBy: String
    var records: [Record]
}
