import CardStackTesting
import CPSCard
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Testing
import VaultWeb

/// The workstation's guards, with no card at all: a door that finds no card in the reader. What
/// is refused here is refused before any card or vault is asked.
@Suite("The workstation's web guards", .serialized)
struct WebGuardTests {
    /// A server on a free port with a door that has no card, its launch address, and how to stop it.
    final class Served: Sendable {
        let launch: URL
        let origin: String
        private let task: Task<Void, any Error>

        init() async throws {
            let token = try Workstation.makeLaunchToken()
            let door = CardDoor(inspect: { throw CPSCardError.noReaderWithCard },
                                open: { _, _ in throw CPSCardError.noReaderWithCard },
                                closed: { _ in })
            let server = WorkstationServer(workstation: Workstation(door: door, idleTimeout: .seconds(60), launchToken: token),
                                           port: 0, launchToken: token)
            let (addresses, continuation) = AsyncStream<String>.makeStream()
            task = Task { try await server.run { continuation.yield($0) } }
            var iterator = addresses.makeAsyncIterator()
            guard let address = await iterator.next(), let url = URL(string: address), let port = url.port else {
                throw TestStackError("the server printed no address")
            }
            launch = url
            origin = "http://127.0.0.1:\(port)"
        }

        func stop() { task.cancel() }
    }

    private func request(_ url: String, method: String = "GET", headers: [String: String] = [:], body: String? = nil) -> URLRequest {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body.map { Data($0.utf8) }
        return request
    }

    @Test("the launch token works once and gives an HttpOnly, SameSite=Strict cookie; a page without it is refused")
    func launchOnce() async throws {
        let served = try await Served()
        defer { served.stop() }
        let (_, first) = try await HTTPExchange.send(URLRequest(url: served.launch))
        #expect(first.statusCode == 303)
        let cookie = try #require(first.value(forHTTPHeaderField: "Set-Cookie"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
        let (_, second) = try await HTTPExchange.send(URLRequest(url: served.launch))
        #expect(second.statusCode == 403)
        let (_, stranger) = try await HTTPExchange.send(request(served.origin + "/carte"))
        #expect(stranger.statusCode == 403)

        let (page, carte) = try await HTTPExchange.send(request(served.origin + "/carte",
                                                          headers: ["Cookie": String(cookie.prefix { $0 != ";" })]))
        #expect(carte.statusCode == 200)
        #expect(String(decoding: page, as: UTF8.self).contains("Insérez votre carte"))
        // No refusal said, no refusal shown (an absent value opens no section).
        #expect(!String(decoding: page, as: UTF8.self).contains("id=\"refus\""))
        let policy = carte.value(forHTTPHeaderField: "Content-Security-Policy") ?? ""
        #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"))
        #expect(carte.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff")
        #expect(carte.value(forHTTPHeaderField: "Referrer-Policy") == "no-referrer")
        #expect(carte.value(forHTTPHeaderField: "Cache-Control") == "no-store")
        #expect(!String(decoding: page, as: UTF8.self).contains("<script>"))
    }

    /// A form's POST as browsers send it: with the page's origin, or, under the pages'
    /// `Referrer-Policy: no-referrer`, with `Origin: null` and `Sec-Fetch-Site: same-origin`.
    @Test("the page's own POST with its token goes through, as a browser sends it", arguments: [
        ["Origin": "SAME"],
        ["Origin": "null", "Sec-Fetch-Site": "same-origin"],
        ["Sec-Fetch-Site": "same-origin"],
    ])
    func ownPost(headers: [String: String]) async throws {
        let served = try await Served()
        defer { served.stop() }
        let (_, launched) = try await HTTPExchange.send(URLRequest(url: served.launch))
        let cookie = String((launched.value(forHTTPHeaderField: "Set-Cookie") ?? "").prefix { $0 != ";" })
        let (page, _) = try await HTTPExchange.send(request(served.origin + "/carte", headers: ["Cookie": cookie]))
        let html = String(decoding: page, as: UTF8.self)
        let token = try #require(html.components(separatedBy: "name=\"jeton\" content=\"").dropFirst().first?.prefix { $0 != "\"" })
        var fields = headers.mapValues { $0 == "SAME" ? served.origin : $0 }
        fields["Cookie"] = cookie
        fields["Content-Type"] = "application/x-www-form-urlencoded"
        let (_, closed) = try await HTTPExchange.send(request(served.origin + "/carte/fermer", method: "POST", headers: fields,
                                                              body: "jeton=\(token)"))
        #expect(closed.statusCode == 303)
    }

    @Test("a Host other than the printed loopback address is refused (DNS rebinding)", arguments: [
        "attacker.example", "localhost", "127.0.0.1:1",
    ])
    func wrongHost(host: String) async throws {
        let served = try await Served()
        defer { served.stop() }
        let (_, answer) = try await HTTPExchange.send(request(served.launch.absoluteString, headers: ["Host": host]))
        #expect(answer.statusCode == 421)
        // The token was not spent by the refused request.
        let (_, launched) = try await HTTPExchange.send(URLRequest(url: served.launch))
        #expect(launched.statusCode == 303)
    }

    /// A POST: from another site, from nowhere said, or same-origin without the page's token.
    @Test("a state-changing request from another site, or without the page's token, is refused", arguments: [
        (["Origin": "http://attacker.example"], "jeton=x"),
        (["Sec-Fetch-Site": "cross-site"], "jeton=x"),
        (["Origin": "null", "Sec-Fetch-Site": "cross-site"], "jeton=x"),
        (["Origin": "null"], "jeton=x"),
        ([:], "jeton=x"),
        (["Origin": "SAME"], "jeton=wrong"),
        (["Sec-Fetch-Site": "same-origin"], ""),
    ])
    func forgedPost(headers: [String: String], body: String) async throws {
        let served = try await Served()
        defer { served.stop() }
        let (_, launched) = try await HTTPExchange.send(URLRequest(url: served.launch))
        let cookie = String((launched.value(forHTTPHeaderField: "Set-Cookie") ?? "").prefix { $0 != ";" })
        var fields = headers.mapValues { $0 == "SAME" ? served.origin : $0 }
        fields["Cookie"] = cookie
        fields["Content-Type"] = "application/x-www-form-urlencoded"
        let (_, answer) = try await HTTPExchange.send(request(served.origin + "/carte/fermer", method: "POST", headers: fields, body: body))
        #expect(answer.statusCode == 403)
    }
}
