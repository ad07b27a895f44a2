import Foundation
import Hummingbird
import VaultCore

/// What every route shares: the workstation state, the pages and the served origin, with the
/// steps each route takes (who is asking, is the form token right, which session).
struct WebApp: Sendable {
    let workstation: Workstation
    let pages: PageRenderer
    let origin: ServedOrigin

    static let cookieName = "cpsvault"

    var wording: Wording { pages.wording }

    func cookie(_ request: Request) -> String? { request.cookies[Self.cookieName]?.value }

    /// The frame of a page for the browser bound by `binding`.
    func frame(_ binding: BrowserBinding?) async -> PageRenderer.Frame {
        let holder = await workstation.holder.map { "\($0.givenName) \($0.surname)" }
        return PageRenderer.Frame(token: binding?.formToken, live: await workstation.isOpen, holder: holder)
    }

    /// The open session of the browser that sent `request`, with its binding.
    func session(_ request: Request) async throws -> (VaultSession, BrowserBinding) {
        let cookie = cookie(request)
        let session = try await workstation.session(cookie: cookie)
        return (session, try await workstation.binding(cookie: cookie))
    }

    /// Refuses a state-changing request whose form token (field `jeton`, or the `X-Jeton`
    /// header of a script's request) is not this browser's.
    func checkToken(_ given: String?, _ binding: BrowserBinding) throws(WebError) {
        guard RandomToken.matches(given, binding.formToken) else { throw WebError.forgedRequest }
    }

    /// The form of a state-changing request in the open session, its token checked.
    func sessionForm(_ request: Request) async throws -> (VaultSession, BrowserBinding, FormFields) {
        let (session, binding) = try await self.session(request)
        let form = try await FormFields.read(request)
        try checkToken(form["jeton"], binding)
        return (session, binding, form)
    }

    /// The patient id behind the `patient` path parameter of this session.
    func patientID(_ context: some RequestContext) async throws -> PatientID {
        try await workstation.value(of: context.parameters.get("patient") ?? "")
    }

    /// Sends the browser to `path` after a form (303, so a reload does not post again).
    static func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }

    /// The session cookie for `binding`: HttpOnly, SameSite=Strict, for the whole app, gone
    /// when the browser closes.
    static func cookie(for binding: BrowserBinding) -> Cookie {
        Cookie(name: cookieName, value: binding.cookie, path: "/", httpOnly: true, sameSite: .strict)
    }

    /// A day and time as the pages show them (local time, French order).
    static func shown(_ date: Date) -> String {
        date.formatted(.dateTime.year().month(.twoDigits).day(.twoDigits).hour().minute().second()
            .locale(Locale(identifier: "fr_FR")))
    }
}
