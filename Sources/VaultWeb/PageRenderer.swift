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
        var values = Self.present(values)
        values["t"] = wording
        values["token"] = frame.token ?? ""
        let body = library.render(values, withTemplate: template) ?? ""
        let layout = Self.present(["t": wording, "body": body, "token": frame.token ?? "", "live": frame.live,
                                   "holder": frame.holder as Any])
        let html = library.render(layout, withTemplate: "layout") ?? ""
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                         body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// `values` without the absent ones, at every depth: a Mustache section over a value that
    /// is an empty optional would otherwise render, as over any value present.
    static func present(_ values: [String: Any]) -> [String: Any] {
        values.compactMapValues(presentValue)
    }

    private static func presentValue(_ value: Any) -> Any? {
        switch value {
        case let optional as any OptionalValue: optional.wrapped.flatMap(presentValue)
        case let dictionary as [String: Any]: present(dictionary)
        case let rows as [[String: Any]]: rows.map(present)
        default: value
        }
    }

    /// A page with one sentence: a refusal or a confirmation.
    func message(_ text: String, title: String, refusal: Bool, back: String?, frame: Frame,
                 status: HTTPResponse.Status = .ok) -> Response {
        page("message", ["title": title, "text": text, "kind": refusal ? "refus" : "fait", "back": back as Any],
             frame: frame, status: status)
    }
}

/// An optional seen through `Any`, to tell an empty one from a value.
protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self.map { $0 as Any } }
}
