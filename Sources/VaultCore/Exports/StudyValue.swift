/// The values a study may copy out of a FHIR resource, each kept only when it has the syntax of
/// what it stands for, so that free text a resource carries in a code, a status, a unit or an
/// address (a name typed into a code's field) never reaches an extract or an aggregate cell.
/// Each function returns the value, or nil when it is left out.
enum StudyValue {
    /// The code systems whose code syntax is known.
    static let snomed = "http://snomed.info/sct"
    static let loinc = "http://loinc.org"

    /// A coding as `system|code` (or the code alone without a system): SNOMED CT identifiers are
    /// 6 to 18 digits, LOINC codes `NNNNN-N` (answers `LA…`, parts `LP…`), ICD-10 codes a letter,
    /// two digits and an optional subdivision (`E11.9`); codes of other systems a token of
    /// letters, digits and `.-_:` of at most 64 characters. The system must be a URI of printable
    /// characters without spaces.
    static func coding(system: String?, code: String) -> String? {
        guard let system else { return isToken(code) ? code : nil }
        guard system.count <= 256, system.contains(":"), system.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            return nil
        }
        let valid: Bool = switch system {
        case snomed: code.wholeMatch(of: /[1-9][0-9]{5,17}/) != nil
        case loinc: code.wholeMatch(of: /(LA|LP|LL)?[0-9]{1,6}-[0-9]/) != nil
        case _ where isICD10(system): code.wholeMatch(of: /[A-Z][0-9]{2}(\.?[0-9A-Z]{1,4})?[+*]?/) != nil
        default: isToken(code)
        }
        return valid ? "\(system)|\(code)" : nil
    }

    /// Whether `system` names ICD-10 or one of its national versions (CIM-10 in France).
    private static func isICD10(_ system: String) -> Bool {
        let lowered = system.lowercased()
        return lowered.contains("icd-10") || lowered.contains("cim-10") || lowered.contains("icd10")
    }

    /// A FHIR code (a status, a gender): lower-case letters, digits and `-`, at most 32.
    static func code(_ value: String?) -> String? {
        guard let value, value.wholeMatch(of: /[a-z][a-z0-9-]{0,31}/) != nil else { return nil }
        return value
    }

    /// A unit of measure (UCUM or its display): printable characters without spaces, at most 32.
    static func unit(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.count <= 32,
              value.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else { return nil }
        return value
    }

    /// A date cut to at most `length` characters (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), when it begins as a FHIR date does.
    static func date(_ value: String?, length: Int) -> String? {
        guard let cut = value.map({ String($0.prefix(length)) }),
              cut.wholeMatch(of: /[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?/) != nil else { return nil }
        return cut
    }

    /// A French postal code: 5 digits.
    static func postalCode(_ value: String?) -> String? {
        guard let value, value.wholeMatch(of: /[0-9]{5}/) != nil else { return nil }
        return value
    }

    /// A commune as its INSEE code (5 digits, or `2A`/`2B` and 3 digits in Corsica) or its postal
    /// code; a commune's name is left out.
    static func commune(_ value: String?) -> String? {
        guard let value, value.wholeMatch(of: /[0-9]{5}|2[AB][0-9]{3}/) != nil else { return nil }
        return value
    }

    /// A token of letters, digits and `.-_:`, at most 64 characters, starting with a letter or digit.
    private static func isToken(_ value: String) -> Bool {
        value.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._:\-]{0,63}/) != nil
    }
}
