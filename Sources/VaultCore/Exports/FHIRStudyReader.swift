import Foundation

/// Reads the study elements out of FHIR R4 JSON resources (docs/EXPORTS.md), coarsened as the
/// study says: ages in bands, dates to the month or year, codes as `system|code` without their
/// free text. Nothing else of a resource is ever read, and a value without the syntax of what it
/// stands for (`StudyValue`) is left out.
struct FHIRStudyReader {
    let study: StudyDefinition
    /// The day ages are computed at.
    let exportDate: Date

    static let contentType = "application/fhir+json"
    static let clinicalTypes: Set<String> = ["Condition", "Observation", "MedicationStatement"]

    /// A record as the study sees it.
    enum Resource {
        case patient([String: Any])
        case clinical(type: String, columns: [String: String])
        case leftOut(reason: String)
    }

    /// Classifies a record's content; records the study does not use are left out with a reason.
    func read(contentType: String, content: Data) -> Resource {
        guard contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == Self.contentType else {
            return .leftOut(reason: "not FHIR JSON")
        }
        guard let resource = try? JSONSerialization.jsonObject(with: content) as? [String: Any],
              let type = resource["resourceType"] as? String else { return .leftOut(reason: "malformed FHIR JSON") }
        if type == "Patient" { return .patient(resource) }
        guard Self.clinicalTypes.contains(type) else { return .leftOut(reason: "resource type not in study: \(Self.safeType(type))") }
        let elements = study.elements.filter { $0.resourceType == type }
        guard !elements.isEmpty else { return .leftOut(reason: "resource type not in study: \(type)") }
        var columns: [String: String] = [:]
        for element in elements {
            for (column, value) in zip(element.columns, values(of: element, in: resource)) where !value.isEmpty {
                columns[column] = value
            }
        }
        return .clinical(type: type, columns: columns)
    }

    /// The patient-level columns, from the Patient resource when there is one, else from the
    /// vault's identity (birth date and sex only).
    func patientColumns(resource: [String: Any]?, identity: PatientIdentity) -> [String: String] {
        var columns: [String: String] = [:]
        let addresses = (resource?["address"] as? [[String: Any]]) ?? []
        let address = addresses.first { $0["use"] as? String == "home" } ?? addresses.first
        for element in study.elements + study.groupBy where !element.isRecordLevel {
            let value: String? = switch element {
            case .gender: StudyValue.code(resource?["gender"] as? String ?? ["F": "female", "M": "male", "U": "unknown"][identity.sex])
            case .ageBand: ageBand(birthDate: resource?["birthDate"] as? String ?? identity.birthDate)
            case .postalCode: StudyValue.postalCode(address?["postalCode"] as? String)
            case .commune: StudyValue.commune(address?["city"] as? String)
            default: nil
            }
            if let value, !value.isEmpty { columns[element.rawValue] = value }
        }
        return columns
    }

    private func values(of element: StudyElement, in resource: [String: Any]) -> [String] {
        switch element {
        case .conditionCode, .observationCode: [Self.codes(resource["code"])]
        case .medicationCode: [Self.codes(resource["medicationCodeableConcept"])]
        case .observationValueCode: [Self.codes(resource["valueCodeableConcept"])]
        case .conditionClinicalStatus: [Self.codes(resource["clinicalStatus"])]
        case .observationStatus, .medicationStatus: [StudyValue.code(resource["status"] as? String) ?? ""]
        case .conditionOnset: [coarsen(resource["onsetDateTime"] as? String)]
        case .conditionRecordedDate: [coarsen(resource["recordedDate"] as? String)]
        case .observationEffective, .medicationEffective:
            [coarsen(resource["effectiveDateTime"] as? String ?? (resource["effectivePeriod"] as? [String: Any])?["start"] as? String)]
        case .observationValueQuantity:
            Self.quantity(resource["valueQuantity"] as? [String: Any])
        case .gender, .ageBand, .postalCode, .commune: [""]
        }
    }

    /// A CodeableConcept's codings as `system|code`, separated by spaces; its text, and codes
    /// without their system's syntax, are dropped.
    static func codes(_ value: Any?) -> String {
        let codings = ((value as? [String: Any])?["coding"] as? [[String: Any]]) ?? []
        return codings.compactMap { coding -> String? in
            guard let code = coding["code"] as? String else { return nil }
            return StudyValue.coding(system: coding["system"] as? String, code: code)
        }.joined(separator: " ")
    }

    private static func quantity(_ value: [String: Any]?) -> [String] {
        guard let value, let number = value["value"] as? NSNumber else { return ["", ""] }
        return ["\(number)", StudyValue.unit(value["code"] as? String ?? value["unit"] as? String) ?? ""]
    }

    /// A FHIR date or dateTime cut to the study's precision (the time of day always dropped);
    /// empty when it is not a date as precise as that.
    func coarsen(_ date: String?) -> String {
        let length = switch study.dates {
        case .day: 10
        case .month: 7
        case .year: 4
        }
        return StudyValue.date(date, length: length) ?? ""
    }

    /// `40-49` for a birth date 40 to 49 years before the export (10-year bands).
    func ageBand(birthDate: String) -> String? {
        let parts = birthDate.split(separator: "-").compactMap { Int($0) }
        guard let year = parts.first else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.dateComponents([.year, .month, .day], from: exportDate)
        guard let thisYear = today.year, let month = today.month, let day = today.day else { return nil }
        let birthday = (parts.count > 1 ? parts[1] : 1, parts.count > 2 ? parts[2] : 1)
        let age = thisYear - year - ((month, day) < birthday ? 1 : 0)
        guard age >= 0 else { return nil }
        let low = age / study.ageBandYears * study.ageBandYears
        return "\(low)-\(low + study.ageBandYears - 1)"
    }

    /// A resource type as it may appear in a count: letters only, else "other".
    private static func safeType(_ type: String) -> String {
        type.count <= 64 && type.allSatisfy({ $0.isASCII && $0.isLetter }) ? type : "other"
    }
}
