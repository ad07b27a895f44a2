import Foundation

extension Care {
    /// The patient with this opaque id, if this professional may see them: what a page that
    /// already holds the id shows, without listing every patient again. Like `patient(ins:)`, a
    /// patient who is not here and one the policy keeps away get the same `noSuchPatient`, and
    /// the showing is audited as a find naming the patient.
    public func patient(id: PatientID) throws -> PatientSummary {
        let patientID = id.bytes
        let admission: Admission
        do {
            admission = try admit(.listPatients, patient: patientID, as: .patientFind)
        } catch VaultError.accessDenied {
            throw VaultError.noSuchPatient
        }
        guard let patient = try vault.store.read({ try $0.patient(id: patientID) }) else { throw VaultError.noSuchPatient }
        let summary = try summary(of: patient)
        try vault.audit(admission.granted("identity shown"))
        return summary
    }
}
