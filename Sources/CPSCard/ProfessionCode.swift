import Foundation

/// A health profession by its code in the RPPS/ADELI nomenclature (the code the CPS certificate
/// names by its label in `title`), plus establishment staff, who hold a CPE and no profession.
public enum ProfessionCode: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case physician = 10
    case pharmacist = 21
    case dentist = 40
    case midwife = 50
    case nurse = 60
    case physiotherapist = 70
    case podiatrist = 80
    case establishmentStaff = 0

    /// The French label used on cards and in the nomenclature.
    public var label: String {
        switch self {
        case .physician: "Médecin"
        case .pharmacist: "Pharmacien"
        case .dentist: "Chirurgien-Dentiste"
        case .midwife: "Sage-Femme"
        case .nurse: "Infirmier"
        case .physiotherapist: "Masseur-Kinésithérapeute"
        case .podiatrist: "Pédicure-Podologue"
        case .establishmentStaff: "Personnel d'établissement"
        }
    }

    /// Whether this profession is a physician's, the only one that may inform relatives.
    public var isPhysician: Bool { self == .physician }

    /// The profession named by a certificate's `title` (or, on older cards, `OU`), ignoring case,
    /// accents and the feminine forms; nil when unknown.
    public init?(label: String) {
        let wanted = Self.folded(label)
        guard let match = Self.allCases.first(where: { code in
            let known = Self.folded(code.label)
            return wanted == known || wanted == known + "e" || wanted.hasPrefix(known + " ")
        }) else { return nil }
        self = match
    }

    public var description: String { "\(label) (\(rawValue))" }

    private static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
            .replacingOccurrences(of: "’", with: "'")
            .trimmingCharacters(in: .whitespaces)
    }
}
