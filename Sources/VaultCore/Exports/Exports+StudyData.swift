import Foundation
import VaultCrypto
import VaultStore

/// What a study keeps of one patient: their pseudonym, the patient-level columns and one set of
/// columns per clinical resource.
struct StudyPatient {
    var pseudonym: String
    var patientColumns: [String: String]
    var resources: [(type: String, columns: [String: String])]
}

extension Exports {
    /// The largest record a study reads; larger ones are left out (FHIR resources are small).
    static let largestStudyRecord: Int64 = 4 * 1024 * 1024

    /// Has the gate decide a statistical export of each patient (physicians, patients in their
    /// care; a refusal is audited and stops the whole export) and returns the admissions, one per
    /// patient, in the order given.
    func studyPatients(_ patients: [PatientID], as act: AuditAction) throws -> [Admission] {
        let ids = patients.map(\.bytes)
        guard !ids.isEmpty, Set(ids.map(\.hexString)).count == ids.count else {
            throw ExportError.invalidStudy("name each patient once, at least one")
        }
        return try ids.map { try admit(.statisticsExport, patient: $0, as: act) }
    }

    /// The pseudonyms of `study`, keyed from the vault's index key this session holds.
    func studyPseudonym(_ study: StudyDefinition) throws -> StudyPseudonym {
        try withWallet { try StudyPseudonym(indexKey: $0.indexKey, vaultID: vault.vaultID, study: study.study) }
    }

    /// Reads what `reader` keeps of a patient from the latest version of each of their records;
    /// the records left out are counted in `leftOut` by reason.
    func studyPatient(_ patientID: [UInt8], reader: FHIRStudyReader, pseudonym: StudyPseudonym,
                      leftOut: inout [String: Int]) throws -> StudyPatient {
        let key = try patientKey(patientID)
        let (patient, rows) = try vault.store.read { reader in
            (try reader.patient(id: patientID), try reader.recordVersions(patientID: patientID))
        }
        guard let patient else { throw VaultError.noSuchPatient }
        let latest = Dictionary(grouping: rows, by: \.recordID).compactMap { $0.value.max { $0.version < $1.version } }
            .sorted { ($0.createdAt, $0.recordID.hexString) < ($1.createdAt, $1.recordID.hexString) }
        var patientResource: [String: Any]?
        var resources: [(type: String, columns: [String: String])] = []
        for row in latest {
            guard row.keyVersion == key.version else { throw VaultError.keyDoesNotOpen("patient key version \(row.keyVersion)") }
            let contentType = try openContentType(row, key: key.key)
            guard row.plaintextSize <= Self.largestStudyRecord else {
                leftOut["too large", default: 0] += 1
                continue
            }
            var content = Data()
            do {
                try openContent(of: row, key: key.key) { content.append($0) }
            } catch is CryptoError {
                throw VaultError.recordTampered(recordID: RecordID(bytes: row.recordID))
            }
            switch reader.read(contentType: contentType, content: content) {
            case .patient(let resource): patientResource = resource
            case .clinical(let type, let columns): resources.append((type, columns))
            case .leftOut(let reason): leftOut[reason, default: 0] += 1
            }
        }
        let identity = try JSONDecoder().decode(PatientIdentity.self, from: Data(SealedBlob.open(
            patient.identity, key: key.key, context: identityContext(patientID, keyVersion: key.version))))
        return StudyPatient(pseudonym: pseudonym.pseudonym(of: patientID),
                            patientColumns: reader.patientColumns(resource: patientResource, identity: identity),
                            resources: resources)
    }
}
