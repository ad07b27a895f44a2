import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM routed to a handler while an agent serves. `restore()` gives them back the
/// dispositions they had, so that a process that served an agent (a test runner) does not leave
/// its later children ignoring termination.
struct TerminationSignals {
    let sources: [any DispatchSourceSignal]
    let previous: [(signal: Int32, disposition: sighandler_t?)]

    func restore() {
        sources.forEach { $0.cancel() }
        for (number, disposition) in previous { signal(number, disposition) }
    }
}
