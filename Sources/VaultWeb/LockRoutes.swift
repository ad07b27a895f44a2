import Foundation
import Hummingbird

/// The page's lock signal and the app's static files. `/evenements` is a Server-Sent Events
/// stream that says `verrou` the moment the session ends (card removed, idle timeout, closed),
/// and at once when no session is open; the page's script then replaces its content with the
/// lock screen.
extension WebApp {
    func addLockRoutes(to router: Router<BasicRequestContext>) {
        router.get("/evenements") { request, _ -> Response in
            let signal: AsyncStream<Void>
            if (try? await workstation.session(cookie: cookie(request))) != nil {
                signal = await workstation.lockSignal()
            } else {
                signal = AsyncStream { $0.yield(); $0.finish() }
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: ": ouvert\n\n"))
                for await _ in signal {
                    try await writer.write(ByteBuffer(string: "event: verrou\ndata: verrou\n\n"))
                    break
                }
                try await writer.finish(nil)
            })
        }
        for (name, type) in [("app.js", "text/javascript; charset=utf-8"), ("app.css", "text/css; charset=utf-8")] {
            router.get("/static/\(name)") { _, _ -> Response in
                guard let url = Bundle.module.resourceURL?.appendingPathComponent("Assets/\(name)"),
                      let content = try? Data(contentsOf: url) else { throw WebError.unknownHandle }
                return Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: content)))
            }
        }
    }
}
