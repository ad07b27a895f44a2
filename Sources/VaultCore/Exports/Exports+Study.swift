import Foundation
import VaultCrypto

extension Exports {
    /// Writes a pseudonymised statistical extract (L1411-8 2°) of the patients this physician
    /// names: one row for each patient and one for each of their FHIR clinical resources, with
    /// only the study's elements, coarsened, and the patient replaced by their study pseudonym;
    /// no name, given name, INS or street address can appear. Other records are left out and
    /// counted. Signed by this card and encrypted to the recipients. Physicians only, for
    /// patients in their care; refusals and aborts are audited.
    public func exportStudy(patients: [PatientID], study: StudyDefinition, format: StudyFormat,
                            to destination: ExportDestination,
                            progress: (ExportProgress) -> Void = { _ in }) throws -> ExportSummary {
        let admissions = try studyPatients(patients, as: .exportStudy)
        let patientIDs = admissions.compactMap(\.patientID)
        let pseudonym = try studyPseudonym(study)
        return try audited(admissions, destination: destination) { container in
            let reader = FHIRStudyReader(study: study, exportDate: container.signingTime)
            let patientColumns = study.elements.filter { !$0.isRecordLevel }.flatMap(\.columns)
            let columns = ["pseudonym", "resourceType"] + patientColumns + study.elements.filter(\.isRecordLevel).flatMap(\.columns)
            var leftOut: [String: Int] = [:]
            var rows = 0
            let written = try container.write { sink in
                leftOut = [:]
                rows = 0
                try sink.write(format.header(columns))
                for (index, patientID) in patientIDs.enumerated() {
                    let patient = try studyPatient(patientID, reader: reader, pseudonym: pseudonym, leftOut: &leftOut)
                    let common = patient.patientColumns.merging(["pseudonym": patient.pseudonym]) { $1 }
                    try sink.write(format.row(common.merging(["resourceType": "Patient"]) { $1 }, columns: columns))
                    for resource in patient.resources {
                        let cells = common.merging(resource.columns) { $1 }.merging(["resourceType": resource.type]) { $1 }
                        try sink.write(format.row(cells, columns: columns))
                    }
                    rows += 1 + patient.resources.count
                    progress(ExportProgress(export: "study", pass: sink.pass, patientsDone: index + 1, patientsTotal: patientIDs.count,
                                            recordsDone: rows, contentBytes: sink.byteCount))
                }
            }
            return exportSummary("study", format: format.rawValue, destination: destination, patients: patientIDs.count,
                                 items: rows, leftOut: leftOut, written: written)
        }
    }

    /// Writes aggregated counts (L1411-8 1°): how many of the named patients fall in each cell
    /// of the study's `groupBy` fields (age band, sex, commune, codes, …), a patient counted
    /// once per cell; cells with fewer than `threshold` patients keep their place but lose their
    /// count. A threshold below `StudyDefinition.minimumThreshold` is refused. Signed and encrypted like the extract; physicians only, for patients in their care.
    public func exportAggregate(patients: [PatientID], study: StudyDefinition, threshold: Int, format: StudyFormat,
                                to destination: ExportDestination,
                                progress: (ExportProgress) -> Void = { _ in }) throws -> ExportSummary {
        guard !study.groupBy.isEmpty else { throw ExportError.invalidStudy("an aggregate needs \"groupBy\" fields") }
        guard threshold >= StudyDefinition.minimumThreshold else {
            throw ExportError.thresholdTooLow(threshold, minimum: StudyDefinition.minimumThreshold)
        }
        let admissions = try studyPatients(patients, as: .exportAggregate)
        let patientIDs = admissions.compactMap(\.patientID)
        let pseudonym = try studyPseudonym(study)
        return try audited(admissions, destination: destination) { container in
            let reader = FHIRStudyReader(study: study, exportDate: container.signingTime)
            var table = AggregateTable(groupBy: study.groupBy, threshold: threshold)
            var leftOut: [String: Int] = [:]
            for (index, patientID) in patientIDs.enumerated() {
                table.count(try studyPatient(patientID, reader: reader, pseudonym: pseudonym, leftOut: &leftOut))
                progress(ExportProgress(export: "aggregate", pass: .digest, patientsDone: index + 1, patientsTotal: patientIDs.count,
                                        recordsDone: 0, contentBytes: 0))
            }
            let written = try container.write { sink in
                try sink.write(format.header(table.columns))
                for cells in table.rows { try sink.write(format.row(cells, columns: table.columns)) }
            }
            return exportSummary("aggregate", format: format.rawValue, destination: destination, patients: patientIDs.count,
                                 items: table.rows.count, leftOut: leftOut, suppressedCells: table.suppressedCells, written: written)
        }
    }
}
