import Foundation
import Hummingbird
import Mustache

/// The pages: Mustache templates (Assets/*.mustache, HTML-escaped by default) put inside the
/// layout, with the interface's strings under `t`.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let wording: Wording

    /// What the layout around every page needs: the form token, whether a session is open (the
    /// page then listens for the lock), and the holder's name for the header.
    struct Frame: Sendable {
        var token: String?
        var live: Bool
        var holder: String?
    }

    /// Loads the templates from the module's resources.
    static func load(wording: Wording) async throws -> PageRenderer {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Assets") else {
            throw WebError.cannotListen(port: 0, reason: "the page templates are missing from the installation")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: folder.path), wording: wording)
    }

    /// `template` filled with `values`, inside the layout, as an HTML answer with `status`.
    func page(_ template: String, _ values: [String: Any], frame: Frame, status: HTTPResponse.Status = .ok) -> Response {
        var values = values
        values["t"] = wording
        values["token"] = frame.token ?? ""
        let body = library.render(values, withTemplate: template) ?? ""
        let layout: [String: Any] = ["t": wording, "body": body, "token": frame.token ?? "", "live": frame.live,
                                     "holder": frame.holder as Any]
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                         body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page with one sentence: a refusal or a confirmation.
    func message(_ text: String, title: String, refusal: Bool, back: String?, frame: Frame,
                 status: HTTPResponse.Status = .ok) -> Response {
        page("message", ["title": title, "text": text, "kind": refusal ? "refus" : "fait", "back": back as Any],
             frame: frame, status: status)
    }
}
