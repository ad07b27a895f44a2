import CPSCard
import Foundation
import VaultCrypto

/// An enrolled professional as a sharing form offers them: who they are, as their certificate
/// names them. Nothing of any patient.
public struct DirectoryEntry: Sendable, Hashable {
    public var nationalID: String
    public var givenName: String
    public var surname: String
    public var profession: String
}

extension Care {
    /// The enrolled professionals (removed ones left out, this professional too) whose name,
    /// RPPS or ADELI number contains `text`, ignoring case and accents, sorted by surname; at
    /// most `limit`. An empty `text` matches nobody, so the directory is never listed whole.
    public func enrolledProfessionals(matching text: String, limit: Int = 20) throws -> [DirectoryEntry] {
        let wanted = text.trimmingCharacters(in: .whitespaces).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        guard !wanted.isEmpty, isOpen else { return [] }
        let mine = professional.nationalID.rawValue
        let entries = try vault.store.read { try $0.professionals() }
            .filter { $0.removedAt == nil && $0.nationalID != mine }
            .compactMap { enrolment -> DirectoryEntry? in
                guard let certificate = try? X509Certificate(derEncoded: enrolment.certificate),
                      let holder = try? CPSCard.Professional(certificate: certificate, cardSerial: []) else { return nil }
                return DirectoryEntry(nationalID: enrolment.nationalID, givenName: holder.givenName, surname: holder.surname,
                                      profession: holder.profession.label)
            }
            .filter { entry in
                [entry.nationalID, entry.givenName, entry.surname, "\(entry.givenName) \(entry.surname)"].contains {
                    $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).contains(wanted)
                }
            }
        return Array(Set(entries).sorted { ($0.surname, $0.givenName) < ($1.surname, $1.givenName) }.prefix(limit))
    }
}
