import HTTPTypes
import Hummingbird
import Logging

/// What every request passes before its route: the `Host` must be the printed loopback address
/// (DNS rebinding refused), the request rate a person's, a state-changing request same-origin
/// (`Origin`, else `Sec-Fetch-Site`) and its body no larger than a form unless it is an upload;
/// every answer gets the security headers, and an error becomes a page that names no patient.
struct WebSafety: RouterMiddleware {
    typealias Context = BasicRequestContext
    let origin: ServedOrigin
    let rate: RequestRate
    let pages: PageRenderer

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            try check(request)
            response = try await next(request, context)
        } catch {
            response = refusal(error)
        }
        SecurityHeaders.apply(to: &response)
        return response
    }

    private func check(_ request: Request) throws(WebError) {
        guard let host = origin.host, request.head.authority == host else { throw .wrongHost }
        guard rate.admit() else { throw .tooManyRequests }
        guard request.method != .get, request.method != .head else { return }
        // A form posted by a page under `Referrer-Policy: no-referrer` says `Origin: null` (the
        // Fetch standard hides its origin), so an opaque or absent origin is judged by
        // `Sec-Fetch-Site`, which the browser sets itself and a page cannot forge.
        if let given = request.headers[.origin], given != "null" {
            guard given == origin.origin else { throw .forgedRequest }
        } else {
            guard request.headers[.secFetchSite] == "same-origin" else { throw .forgedRequest }
        }
        let upload = request.uri.path.hasSuffix("/documents")
        if !upload, let length = request.headers[.contentLength].flatMap(Int.init), length > FormFields.limit {
            throw .tooLarge(limit: FormFields.limit)
        }
    }

    /// The error page: its sentence, a status that says what kind of refusal it is, nothing else.
    private func refusal(_ error: any Error) -> Response {
        let wording = pages.wording
        let status: HTTPResponse.Status
        var back: String? = "/carte"
        switch error {
        case WebError.wrongHost: status = .misdirectedRequest
        case WebError.forgedRequest: status = .forbidden
        case WebError.notLaunched: status = .forbidden; back = nil
        case WebError.locked: status = .unauthorized
        case WebError.unknownHandle: status = .notFound; back = "/patients"
        case WebError.tooLarge: status = .contentTooLarge
        case WebError.tooManyRequests: status = .tooManyRequests
        case let http as HTTPError: status = http.status
        default: status = .forbidden; back = "/patients"
        }
        if case let http as HTTPError = error, http.status == .notFound {
            return pages.message(wording.unknownPage, title: wording.errorTitle, refusal: true, back: "/carte",
                                 frame: .init(token: nil, live: false, holder: nil), status: .notFound)
        }
        return pages.message(wording.sentence(for: error), title: wording.errorTitle, refusal: true, back: back,
                             frame: .init(token: nil, live: false, holder: nil), status: status)
    }
}
