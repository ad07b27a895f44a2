import Foundation
import Hummingbird
import Logging

/// `cpsvault serve`'s HTTP server: on 127.0.0.1 only, the app's pages over one `Workstation`.
public struct WorkstationServer: Sendable {
    let workstation: Workstation
    let port: Int
    let launchToken: String

    /// A server for `workstation` on `port` (0: a free one); `launchToken` is the one the
    /// workstation was made with, which the printed address carries.
    public init(workstation: Workstation, port: Int, launchToken: String) {
        self.workstation = workstation
        self.port = port
        self.launchToken = launchToken
    }

    /// Serves until SIGINT or SIGTERM, then ends the card session (keys wiped). `listening` is
    /// given the launch address once the server listens.
    public func run(listening: @escaping @Sendable (String) -> Void) async throws {
        let pages = try await PageRenderer.load(wording: .french)
        let origin = ServedOrigin()
        let app = WebApp(workstation: workstation, pages: pages, origin: origin)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: WebSafety(origin: origin, rate: RequestRate(perSecond: 20, burst: 120), pages: pages))
        app.addCardRoutes(to: router)
        app.addPatientRoutes(to: router)
        app.addRecordRoutes(to: router)
        app.addSharingRoutes(to: router)
        app.addJournalRoutes(to: router)
        app.addLockRoutes(to: router)
        // The server's own log says when it starts and stops, never what a request carried.
        var logger = Logger(label: "cpsvault.serve")
        logger.logLevel = .warning
        let token = launchToken
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                guard let bound = channel.localAddress?.port else { return }
                origin.listening(on: bound)
                listening("http://127.0.0.1:\(bound)/ouvrir?jeton=\(token)")
            },
            logger: logger)
        do {
            try await application.runService()
        } catch {
            await workstation.end()
            throw WebError.cannotListen(port: port, reason: "\(error)")
        }
        await workstation.end()
    }
}
