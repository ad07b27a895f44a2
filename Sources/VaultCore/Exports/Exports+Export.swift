import Foundation
import VaultCrypto
import VaultStore

extension SessionService {
    /// Runs the work of an export that the gate admitted for each of its patients, then audits
    /// it: one entry per admission, granted with what was written, or failed with the reason the
    /// export stopped (a pulled card, a changed dossier, a tampered record), in which case no
    /// file is left under the destination's name and the error is rethrown.
    func audited(_ admissions: [Admission], destination: ExportDestination,
                 _ work: (ExportContainer) throws -> ExportSummary) throws -> ExportSummary {
        let container = ExportContainer(session: session, destination: destination, signingTime: Date())
        let summary: ExportSummary
        do {
            summary = try work(container)
        } catch {
            let reason = switch error {
            case VaultError.sessionEnded: "aborted: the card left the reader"
            case let error as ExportError where error == .contentChanged: "aborted: the dossier changed during the export"
            case VaultError.recordTampered: "aborted: a record failed authentication"
            default: "aborted: \(type(of: error))"
            }
            try vault.store.write { writer in
                for admission in admissions { try AuditLog.append(admission.failed(reason), to: writer) }
            }
            throw error
        }
        let recipients = summary.recipients.map { String($0.prefix(16)) }.joined(separator: ", ")
        try vault.store.write { writer in
            for admission in admissions {
                try AuditLog.append(admission.granted("\(summary.items) items, content \(summary.contentSHA256.prefix(16)), "
                                                      + "to \(recipients)"), to: writer)
            }
        }
        return summary
    }

    /// The summary of a written export.
    func exportSummary(_ kind: String, format: String, destination: ExportDestination, patients: Int, items: Int,
                       leftOut: [String: Int] = [:], suppressedCells: Int? = nil,
                       written: ExportContainer.Written) -> ExportSummary {
        ExportSummary(export: kind, output: destination.path, format: format, patients: patients, items: items,
                      leftOut: leftOut, suppressedCells: suppressedCells, contentBytes: written.contentBytes,
                      contentSHA256: written.contentDigest.hexString, signer: professional.nationalID.rawValue,
                      recipients: destination.recipients.map { $0.sha256Fingerprint.hexString })
    }

    /// The current patient key for an export: an administrator opens the escrow copy with the
    /// vault key sealed to their card (the host restitutes, L1111-8); a professional uses their
    /// own grant.
    func exportKey(_ patientID: [UInt8]) throws -> (key: SecretBytes, version: Int) {
        guard role == .admin else { return try patientKey(patientID) }
        let (patient, copies) = try vault.store.read { reader in
            (try reader.patient(id: patientID), try reader.escrowKeys(patientID: patientID))
        }
        guard let patient else { throw VaultError.noSuchPatient }
        let versions = try liveVaultKeyVersions()
        for copy in copies where copy.keyVersion == patient.currentKeyVersion {
            guard let version = versions.first(where: { $0.version == copy.vaultKeyVersion }), try holdsVaultKey(version) else { continue }
            return (try openVaultKey(version).open(copy), copy.keyVersion)
        }
        throw VaultError.keyDoesNotOpen("escrow copy of the patient key (its vault key is not sealed to this card)")
    }

    /// The national id each certificate fingerprint is enrolled under, for what exports show.
    func nationalIDs() throws -> [[UInt8]: String] {
        Dictionary(try vault.store.read { try $0.professionals() }.map { ($0.fingerprint, $0.nationalID) }) { first, _ in first }
    }
}
