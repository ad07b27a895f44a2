/// Counts of patients by the study's `groupBy` fields, with small cells suppressed: a cell
/// counting fewer patients than the threshold is written with `suppressed` set and no count, so
/// that no small group can be singled out (primary suppression; docs/EXPORTS.md).
struct AggregateTable {
    let groupBy: [StudyElement]
    let threshold: Int
    private var counts: [[String]: Int] = [:]

    init(groupBy: [StudyElement], threshold: Int) {
        self.groupBy = groupBy
        self.threshold = threshold
    }

    var columns: [String] { groupBy.map(\.rawValue) + ["patients", "suppressed"] }

    /// Adds a patient to every cell they fall in: one value per patient-level field, and each
    /// distinct code they have for a code field (or none).
    mutating func count(_ patient: StudyPatient) {
        var cells: [[String]] = [[]]
        for element in groupBy {
            let values: Set<String>
            if element.isRecordLevel {
                let found = patient.resources.compactMap { $0.columns[element.rawValue] }.flatMap { $0.split(separator: " ").map(String.init) }
                values = found.isEmpty ? [""] : Set(found)
            } else {
                values = [patient.patientColumns[element.rawValue] ?? ""]
            }
            cells = cells.flatMap { cell in values.sorted().map { cell + [$0] } }
        }
        for cell in cells { counts[cell, default: 0] += 1 }
    }

    /// The rows, sorted by cell.
    var rows: [[String: String]] {
        counts.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { cell in
            var row = Dictionary(uniqueKeysWithValues: zip(groupBy.map(\.rawValue), cell))
            let count = counts[cell] ?? 0
            row["patients"] = count < threshold ? "" : "\(count)"
            row["suppressed"] = count < threshold ? "true" : "false"
            return row
        }
    }

    var suppressedCells: Int { counts.values.filter { $0 < threshold }.count }
}
