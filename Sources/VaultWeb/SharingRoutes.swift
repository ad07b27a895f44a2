import Hummingbird
import VaultCore

/// Sharing, on the Dossier page: grant or revoke to an enrolled professional found by name or
/// RPPS/ADELI, or to a care team; the patient's opposition, consent and events with their
/// statement. Each refusal comes back as the sentence of its rule, audited by the session.
extension WebApp {
    func addSharingRoutes(to router: Router<BasicRequestContext>) {
        router.post("/dossier/:patient/professionnels") { request, context -> Response in
            let (session, binding, form) = try await sessionForm(request)
            let text = form["texte"] ?? ""
            let found = try await VaultWork.run { try session.care.enrolledProfessionals(matching: text) }
            return try await dossierPage(session, binding, patientID: try await patientID(context), context: context,
                                         query: text, directory: found)
        }
        router.post("/dossier/:patient/partage") { request, context -> Response in
            try await act(request, context) { session, patientID, form in
                let professional = try form.required("professionnel", wording.nationalID)
                try form.takesBack ? session.care.revoke(patient: patientID, from: professional) : session.care.grant(patient: patientID, to: professional)
            }
        }
        router.post("/dossier/:patient/equipe") { request, context -> Response in
            try await act(request, context) { session, patientID, form in
                let team = try TeamID(parsing: form.required("equipe", wording.teamID))
                try form.takesBack ? session.care.revokeTeam(patient: patientID, team: team) : session.care.grantTeam(patient: patientID, team: team)
            }
        }
        router.post("/dossier/:patient/opposition") { request, context -> Response in
            try await act(request, context) { session, patientID, form in
                try session.care.recordOpposition(patient: patientID, against: try form.required("professionnel", wording.opposedProfessional),
                                             statement: try form.required("declaration", wording.statement))
            }
        }
        router.post("/dossier/:patient/consentement") { request, context -> Response in
            try await act(request, context) { session, patientID, form in
                let statement = try form.required("declaration", wording.statement)
                try form.takesBack ? session.care.withdrawStructureConsent(patient: patientID, statement: statement)
                    : session.care.recordStructureConsent(patient: patientID, statement: statement)
            }
        }
        router.post("/dossier/:patient/evenement") { request, context -> Response in
            try await act(request, context) { session, patientID, form in
                guard let event = form["evenement"].flatMap(PatientEvent.init(rawValue:)) else { throw WebError.badForm(wording.eventTitle) }
                try session.care.recordPatientEvent(event, patient: patientID, statement: try form.required("declaration", wording.statement))
            }
        }
    }

    /// Runs one sharing act on the patient of the page, then shows the Dossier page again with
    /// "done" or the refusal's sentence.
    private func act(_ request: Request, _ context: BasicRequestContext,
                     _ body: @escaping @Sendable (VaultSession, PatientID, FormFields) throws -> Void) async throws -> Response {
        let (session, binding, form) = try await sessionForm(request)
        let patientID = try await patientID(context)
        do {
            try await VaultWork.run { try body(session, patientID, form) }
            return try await dossierPage(session, binding, patientID: patientID, context: context, notice: wording.done)
        } catch {
            let refusal = wording.sentence(for: error)
            if let page = try? await dossierPage(session, binding, patientID: patientID, context: context, refusal: refusal) {
                return page
            }
            return pages.message(refusal, title: wording.errorTitle, refusal: true, back: "/patients", frame: await frame(binding),
                                 status: .forbidden)
        }
    }
}
