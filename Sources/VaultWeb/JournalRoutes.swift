import Foundation
import Hummingbird
import VaultCore

/// The Journal page: the professional's own audit entries (as `cpsvault audit show` gives
/// them), newest first, filtered by action and days.
extension WebApp {
    func addJournalRoutes(to router: Router<BasicRequestContext>) {
        router.get("/journal") { request, _ -> Response in
            let (session, binding) = try await session(request)
            let parameters = request.uri.queryParameters
            let action = parameters["action"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let since = parameters["depuis"].flatMap { Self.day(String($0)) }
            let until = parameters["jusqua"].flatMap { Self.day(String($0)) }.map { $0.addingTimeInterval(86_400) }
            let mine = session.professional.nationalID.rawValue
            let query = AuditQuery(actorNationalID: mine, action: action, since: since, until: until)
            let entries = try await VaultWork.run { try session.auditTrail.auditEntries(query) }
            return pages.page("journal", ["entries": JournalRows.rows(entries.reversed()), "action": action ?? "",
                                          "since": parameters["depuis"].map(String.init) ?? "",
                                          "until": parameters["jusqua"].map(String.init) ?? ""],
                              frame: await frame(binding))
        }
    }

    /// The start of a `YYYY-MM-DD` day, UTC.
    private static func day(_ text: String) -> Date? {
        try? Date(text + "T00:00:00Z", strategy: .iso8601)
    }
}
