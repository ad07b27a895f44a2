import CPSCard
import Hummingbird

/// The launch address and the Carte page: the card's holder and tries left, the PIN form, and
/// closing the session.
extension WebApp {
    func addCardRoutes(to router: Router<BasicRequestContext>) {
        router.get("/ouvrir") { request, _ -> Response in
            let binding = try await workstation.launch(token: request.uri.queryParameters["jeton"].map(String.init))
            var response = Self.redirect("/carte")
            response.setCookie(Self.cookie(for: binding))
            return response
        }
        router.get("/") { _, _ in Self.redirect("/carte") }
        router.get("/carte") { request, _ -> Response in
            let binding = try await workstation.binding(cookie: cookie(request))
            return try await cardPage(binding, refusal: nil)
        }
        router.post("/carte/ouvrir") { request, _ -> Response in
            var request = request
            let binding = try await workstation.binding(cookie: cookie(request))
            var body = try await request.collectBody(upTo: 4096)
            let form: PINForm
            do {
                form = try PINForm(wiping: &body)
            } catch {
                return try await cardPage(binding, refusal: wording.sentence(for: error))
            }
            try checkToken(form.token, binding)
            let opened: BrowserBinding
            do {
                opened = try await workstation.open(cookie: binding.cookie, pin: form.pin, allowLastTry: form.allowLastTry)
            } catch {
                return try await cardPage(binding, refusal: wording.sentence(for: error))
            }
            var response = Self.redirect("/patients")
            response.setCookie(Self.cookie(for: opened))
            return response
        }
        router.post("/carte/fermer") { request, _ -> Response in
            let binding = try await workstation.binding(cookie: cookie(request))
            let form = try await FormFields.read(request)
            try checkToken(form["jeton"], binding)
            await workstation.end()
            return Self.redirect("/carte")
        }
    }

    /// The Carte page: the open session's holder, else what the card in the reader says.
    private func cardPage(_ binding: BrowserBinding, refusal: String?) async throws -> Response {
        var values: [String: Any] = ["refusal": refusal as Any]
        if let holder = await workstation.holder, await workstation.isOpen {
            values["open"] = true
            values["holder"] = "\(holder.givenName) \(holder.surname), \(holder.profession.label)"
        } else {
            let door = workstation.door
            if let inspection = try? await VaultWork.run({ try door.inspect() }) {
                var card: [String: Any] = [
                    "holder": inspection.holder.map { "\($0.givenName) \($0.surname), \($0.profession.label)" }
                        ?? inspection.certificate.subject.description,
                    "untrusted": inspection.rejection.map { _ in wording.cardUntrusted } as Any,
                ]
                switch inspection.pin {
                case .blocked: card["blocked"] = true
                case .triesLeft(let tries?): card["tries"] = tries; card["lastTry"] = tries <= 1
                // A middleware that does not count tries says only that this is not the last one.
                case .triesLeft(nil): card["lastTry"] = false
                case .verified: break
                }
                values["card"] = card
            } else {
                values["noCard"] = true
            }
        }
        return pages.page("card", values, frame: await frame(binding))
    }
}
