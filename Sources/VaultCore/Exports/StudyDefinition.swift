import Foundation

/// A statistical study's definition file (L1411-8; docs/EXPORTS.md): its id, the FHIR elements
/// the extract may carry, how coarse ages, addresses and dates are made, and the fields the
/// aggregate counts by. Only the elements of ``StudyElement`` exist: nothing that names,
/// identifies or locates a patient more precisely than a postal code or commune can be asked for.
public struct StudyDefinition: Sendable, Equatable, Decodable {
    public var study: String
    public var elements: [StudyElement]
    /// Width of the age bands, in years: `minimumAgeBandYears` to 50.
    public var ageBandYears: Int
    /// The narrowest age band a study may ask for, in years.
    public static let minimumAgeBandYears = 5
    /// The fewest patients an aggregate cell may count and still be published, as French
    /// practice for published counts has it: smaller cells are suppressed.
    public static let minimumThreshold = 11
    /// How precise dates are left.
    public var dates: DatePrecision
    /// The fields the aggregate counts patients by.
    public var groupBy: [StudyElement]

    public enum DatePrecision: String, Sendable, Decodable {
        case day, month, year
    }

    /// Reads and checks a study definition (at most 64 KiB, each key once); every problem is an
    /// `ExportError.invalidStudy`.
    public init(json: Data) throws {
        _ = try StrictJSON.object(json, maximumBytes: 64 * 1024) { ExportError.invalidStudy($0) }
        do {
            self = try JSONDecoder().decode(StudyDefinition.self, from: json)
        } catch let error as ExportError {
            throw error
        } catch DecodingError.dataCorrupted(let context) {
            throw ExportError.invalidStudy(context.debugDescription)
        } catch DecodingError.keyNotFound(let key, _) {
            throw ExportError.invalidStudy("\"\(key.stringValue)\" is missing")
        } catch {
            throw ExportError.invalidStudy("\(error)")
        }
    }

    private enum CodingKeys: String, CodingKey { case study, elements, ageBandYears, dates, groupBy }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        study = try container.decode(String.self, forKey: .study)
        guard !study.isEmpty, study.utf8.count <= 128 else { throw ExportError.invalidStudy("\"study\" must be 1 to 128 bytes") }
        elements = try container.decode([String].self, forKey: .elements).map(StudyElement.named)
        guard !elements.isEmpty else { throw ExportError.invalidStudy("\"elements\" is empty") }
        ageBandYears = try container.decodeIfPresent(Int.self, forKey: .ageBandYears) ?? 10
        guard (Self.minimumAgeBandYears...50).contains(ageBandYears) else {
            throw ExportError.invalidStudy("\"ageBandYears\" must be \(Self.minimumAgeBandYears) to 50 (narrower bands come close to exact ages)")
        }
        dates = try container.decodeIfPresent(DatePrecision.self, forKey: .dates) ?? .month
        groupBy = try container.decodeIfPresent([String].self, forKey: .groupBy)?.map(StudyElement.named) ?? []
        if let codeElement = groupBy.first(where: { $0.isRecordLevel && !$0.isCode }) {
            throw ExportError.invalidStudy("\(codeElement.rawValue) cannot be counted by; group by patient fields or codes")
        }
    }
}

/// The elements a study may ask for. Patient-level ones come from the patient's FHIR Patient
/// resource (or, for age and sex, the vault's own record of the patient), already coarsened;
/// the others from the patient's Condition, Observation and MedicationStatement resources.
public enum StudyElement: String, Sendable, CaseIterable, Decodable {
    case gender = "Patient.gender"
    case ageBand = "Patient.ageBand"
    case postalCode = "Patient.address.postalCode"
    case commune = "Patient.address.city"
    case conditionCode = "Condition.code"
    case conditionClinicalStatus = "Condition.clinicalStatus"
    case conditionOnset = "Condition.onsetDateTime"
    case conditionRecordedDate = "Condition.recordedDate"
    case observationCode = "Observation.code"
    case observationStatus = "Observation.status"
    case observationValueQuantity = "Observation.valueQuantity"
    case observationValueCode = "Observation.valueCodeableConcept"
    case observationEffective = "Observation.effectiveDateTime"
    case medicationCode = "MedicationStatement.medicationCodeableConcept"
    case medicationStatus = "MedicationStatement.status"
    case medicationEffective = "MedicationStatement.effectiveDateTime"

    /// The element named `name`, or an error that says why it cannot be had.
    static func named(_ name: String) throws -> StudyElement {
        if let element = StudyElement(rawValue: name) { return element }
        let identifying = ["name", "telecom", "identifier", "address.line", "address.text", "birthDate", "photo", "contact", "id"]
        if name.hasPrefix("Patient."), identifying.contains(where: { name.dropFirst("Patient.".count).hasPrefix($0) }) {
            throw ExportError.invalidStudy("\(name) identifies the patient, which article L1411-8 forbids in a statistical "
                + "transmission (use Patient.ageBand, Patient.address.postalCode or Patient.address.city)")
        }
        throw ExportError.invalidStudy("unknown element \(name); the elements are "
            + StudyElement.allCases.map(\.rawValue).joined(separator: ", "))
    }

    /// The FHIR resource type the element is read from.
    var resourceType: String { String(rawValue.prefix { $0 != "." }) }

    var isRecordLevel: Bool { resourceType != "Patient" }

    /// Whether the element is a code a patient can be counted by.
    var isCode: Bool { [.conditionCode, .observationCode, .medicationCode, .observationValueCode].contains(self) }

    /// The columns the element fills in an extract.
    var columns: [String] {
        self == .observationValueQuantity ? [rawValue + ".value", rawValue + ".unit"] : [rawValue]
    }
}
