import Hummingbird
import VaultCore

/// The Patients page: those this professional may open, a search by INS, a new patient.
extension WebApp {
    func addPatientRoutes(to router: Router<BasicRequestContext>) {
        router.get("/patients") { request, _ -> Response in
            let (session, binding) = try await session(request)
            return try await patientsPage(session, binding, found: nil, refusal: nil)
        }
        router.post("/patients/recherche") { request, _ -> Response in
            let (session, binding, form) = try await sessionForm(request)
            let ins = try form.required("ins", wording.ins)
            do {
                let found = try await VaultWork.run { try session.care.patient(ins: ins) }
                return try await patientsPage(session, binding, found: [found], refusal: nil)
            } catch {
                return try await patientsPage(session, binding, found: [], refusal: wording.sentence(for: error))
            }
        }
        router.post("/patients/creer") { request, _ -> Response in
            let (session, binding, form) = try await sessionForm(request)
            let identity = PatientIdentity(familyName: form["familyName"] ?? "", givenNames: form["givenNames"] ?? "",
                                           birthDate: form["birthDate"] ?? "", sex: form["sex"] ?? "",
                                           ins: (form["ins"] ?? "").replacingOccurrences(of: " ", with: ""),
                                           address: form["address"] ?? "")
            let consent = try form.required("hostingConsent", wording.hostingConsent)
            do {
                let patientID = try await VaultWork.run { try session.care.createPatient(identity, hostingConsent: consent) }
                return Self.redirect("/dossier/\(try await workstation.handle(for: patientID))")
            } catch {
                return try await patientsPage(session, binding, found: nil, refusal: wording.sentence(for: error))
            }
        }
    }

    /// The list (or the search's result, `found`), each patient behind a handle of this session.
    private func patientsPage(_ session: VaultSession, _ binding: BrowserBinding, found: [PatientSummary]?,
                              refusal: String?) async throws -> Response {
        let patients: [PatientSummary]
        if let found { patients = found } else { patients = try await VaultWork.run { try session.care.patients().items } }
        var rows: [[String: Any]] = []
        for patient in patients {
            rows.append(["handle": try await workstation.handle(for: patient.patientID),
                         "familyName": patient.identity.familyName, "givenNames": patient.identity.givenNames,
                         "birthDate": patient.identity.birthDate, "ins": patient.identity.ins])
        }
        return pages.page("patients", ["patients": rows, "refusal": refusal as Any], frame: await frame(binding))
    }
}
