import Foundation
import HTTPTypes
import Hummingbird
import VaultCore

/// The Dossier page and the records: the patient's identity, records newest first, an upload,
/// a record shown (text and JSON readable, images and PDF inline, the rest downloaded) and the
/// patient's access history.
extension WebApp {
    func addRecordRoutes(to router: Router<BasicRequestContext>) {
        router.get("/dossier/:patient") { request, context -> Response in
            let (session, binding) = try await session(request)
            return try await dossierPage(session, binding, patientID: try await patientID(context), context: context)
        }
        router.post("/dossier/:patient/documents") { request, context -> Response in
            let (session, binding) = try await session(request)
            try checkToken(request.headers[.formToken], binding)
            let patientID = try await patientID(context)
            let contentType = request.headers[.contentType] ?? "application/octet-stream"
            let upload = UploadStream()
            let sealing = Task {
                try await VaultWork.run {
                    defer { upload.abandon() }
                    return try session.care.addRecord(patient: patientID, contentType: contentType, readingWith: upload.read)
                }
            }
            do {
                for try await buffer in request.body { upload.put(Data(buffer.readableBytesView)) }
                upload.end(complete: true)
            } catch {
                upload.end(complete: false)
            }
            do {
                _ = try await sealing.value
                return pages.message(wording.sent, title: wording.recordTitle, refusal: false, back: nil,
                                     frame: await frame(binding), status: .created)
            } catch {
                return pages.message(wording.sentence(for: error), title: wording.errorTitle, refusal: true, back: nil,
                                     frame: await frame(binding), status: .forbidden)
            }
        }
        router.get("/dossier/:patient/document/:record/:version") { request, context -> Response in
            let (session, binding) = try await session(request)
            let patientHandle = context.parameters.get("patient") ?? ""
            let recordHandle = context.parameters.get("record") ?? ""
            let patientID = try await patientID(context)
            let recordID: RecordID = try await workstation.value(of: recordHandle)
            let version = context.parameters.get("version", as: Int.self)
            let versions = try await VaultWork.run { try session.care.history(patient: patientID, recordID: recordID) }
            guard let shown = versions.first(where: { $0.version == version }) else { throw WebError.unknownHandle }
            let contentURL = "/dossier/\(patientHandle)/contenu/\(recordHandle)/\(shown.version)"
            var values: [String: Any] = ["patient": patientHandle, "contentType": shown.contentType, "version": shown.version,
                                         "contentURL": contentURL]
            switch RecordView(contentType: shown.contentType) {
            case .text(let json):
                let content = try await VaultWork.run { try RecordView.read(session, patientID, recordID, shown.version) }
                values["text"] = RecordView.readable(content, json: json)
            case .image: values["image"] = true
            case .framed: values["framed"] = true
            case .download: return Self.redirect(contentURL + "?telecharger=1")
            }
            return pages.page("document", values, frame: await frame(binding))
        }
        router.get("/dossier/:patient/contenu/:record/:version") { request, context -> Response in
            let (session, _) = try await session(request)
            let patientID = try await patientID(context)
            let recordID: RecordID = try await workstation.value(of: context.parameters.get("record") ?? "")
            guard let version = context.parameters.get("version", as: Int.self) else { throw WebError.unknownHandle }
            let versions = try await VaultWork.run { try session.care.history(patient: patientID, recordID: recordID) }
            guard let shown = versions.first(where: { $0.version == version }) else { throw WebError.unknownHandle }
            let content = try await VaultWork.run { try RecordView.read(session, patientID, recordID, version) }
            let download = request.uri.queryParameters["telecharger"] != nil
            return RecordView(contentType: shown.contentType).response(content, contentType: shown.contentType,
                                                                       version: version, download: download)
        }
    }

    /// The Dossier page of `patientID`.
    func dossierPage(_ session: VaultSession, _ binding: BrowserBinding, patientID: PatientID, context: some RequestContext,
                     query: String = "", directory: [DirectoryEntry] = [], notice: String? = nil,
                     refusal: String? = nil) async throws -> Response {
        let patientHandle = try await workstation.handle(for: patientID)
        let patient = try await VaultWork.run { try session.care.patient(id: patientID) }
        let records = (try? await VaultWork.run { try session.care.records(patient: patientID).items }) ?? []
        var rows: [[String: Any]] = []
        for record in records.sorted(by: { $0.createdAt > $1.createdAt }) {
            rows.append(["handle": try await workstation.handle(for: record.recordID), "patient": patientHandle,
                         "date": Self.shown(record.createdAt), "contentType": record.contentType, "version": record.version,
                         "size": record.size, "author": record.author])
        }
        let entries = (try? await VaultWork.run { try session.auditTrail.auditEntries(AuditQuery(patientID: patientID)) }) ?? []
        let events = PatientEvent.allCases.map(\.rawValue)
        return pages.page("dossier", [
            "patient": patientHandle, "identity": [
                "familyName": patient.identity.familyName, "givenNames": patient.identity.givenNames,
                "birthDate": patient.identity.birthDate, "sex": patient.identity.sex, "ins": patient.identity.ins,
                "address": patient.identity.address],
            "records": rows, "entries": JournalRows.rows(entries.reversed()), "events": events,
            "query": query, "directory": directory.map { ["nationalID": $0.nationalID, "givenName": $0.givenName,
                                                          "surname": $0.surname, "profession": $0.profession] },
            "notice": notice as Any, "refusal": refusal as Any,
        ], frame: await frame(binding))
    }
}
