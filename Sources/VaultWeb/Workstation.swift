import CPSCard
import Foundation
import VaultCore

/// The workstation's state: the launch token (good once), the browser it was given to, and at
/// most one card session, held as the agent holds it. The session ends when its card leaves the
/// reader, when no page was asked for during `idleTimeout`, or when the professional closes it;
/// then its keys are wiped, its page handles forgotten, and every open page is told to lock.
public actor Workstation {
    let door: CardDoor
    let idleTimeout: Duration
    private var launchToken: String?
    private var binding: BrowserBinding?
    private var desk: Desk?
    private var lockListeners: [UUID: AsyncStream<Void>.Continuation] = [:]

    /// The open card session and what belongs to it alone.
    private struct Desk {
        let id = UUID()
        let session: VaultSession
        var lastActivity = ContinuousClock.now
        /// Opaque page handles to vault ids (`PatientID`, `RecordID`): what URLs carry instead
        /// of patient or record ids.
        var handles: [String: AnyHashable] = [:]
        var handleOf: [AnyHashable: String] = [:]
    }

    /// A workstation that opens sessions through `door`; `launchToken` is what the printed
    /// address carries.
    public init(door: CardDoor, idleTimeout: Duration, launchToken: String) {
        self.door = door
        self.idleTimeout = idleTimeout
        self.launchToken = launchToken
    }

    /// Makes a launch token for `init(door:idleTimeout:launchToken:)`.
    public static func makeLaunchToken() throws -> String { try RandomToken.make() }

    /// Binds the browser that presents the launch token; the token is spent, so a second
    /// presentation (another browser, a link copied) is refused.
    func launch(token: String?) throws(WebError) -> BrowserBinding {
        guard let expected = launchToken, RandomToken.matches(token, expected),
              let fresh = try? BrowserBinding.fresh() else { throw .notLaunched }
        launchToken = nil
        binding = fresh
        return fresh
    }

    /// The binding of the browser that sent `cookie`, or `notLaunched`.
    func binding(cookie: String?) throws(WebError) -> BrowserBinding {
        guard let binding, RandomToken.matches(cookie, binding.cookie) else { throw .notLaunched }
        return binding
    }

    /// Whether a card session is open.
    var isOpen: Bool { desk?.session.isOpen == true }

    /// The holder of the open session, for the page header.
    var holder: CPSCard.Professional? { desk?.session.professional }

    /// The open session for the browser that sent `cookie`; counts as activity for the idle timeout.
    func session(cookie: String?) throws(WebError) -> VaultSession {
        _ = try binding(cookie: cookie)
        guard let current = desk, current.session.isOpen else { throw .locked }
        desk?.lastActivity = .now
        return current.session
    }

    /// Opens a card session with `pin` for the bound browser, and gives that browser a new
    /// cookie and form token, so that nothing of an earlier session's pages still works.
    func open(cookie: String?, pin: PIN, allowLastTry: Bool) async throws -> BrowserBinding {
        _ = try binding(cookie: cookie)
        if desk != nil { await end() }
        let door = self.door
        let session = try await VaultWork.run { try door.open(pin, allowLastTry) }
        let opened = Desk(session: session)
        desk = opened
        let fresh = try BrowserBinding.fresh()
        binding = fresh
        let id = opened.id
        Task { [weak self] in
            await session.waitUntilEnded()
            await self?.end(ifStill: id)
        }
        Task { [weak self] in await self?.watchIdleness(of: id) }
        return fresh
    }

    /// Ends the open session, if any: keys wiped, handles forgotten, pages told to lock; returns
    /// once the door has recorded its end.
    func end() async {
        guard let ending = desk else { return }
        desk = nil
        ending.session.end()
        for listener in lockListeners.values { listener.yield(); listener.finish() }
        lockListeners.removeAll()
        let door = self.door, session = ending.session
        _ = try? await VaultWork.run { door.closed(session) }
    }

    private func end(ifStill id: UUID) async {
        if desk?.id == id { await end() }
    }

    private func watchIdleness(of id: UUID) async {
        while let current = desk, current.id == id {
            let deadline = current.lastActivity + idleTimeout
            if ContinuousClock.now >= deadline { return await end() }
            try? await Task.sleep(until: deadline, clock: .continuous)
        }
    }

    /// An event stream that yields once, when the open session ends (at once when none is open),
    /// then finishes: what tells a page to lock.
    func lockSignal() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        guard desk != nil else {
            continuation.yield()
            continuation.finish()
            return stream
        }
        let id = UUID()
        lockListeners[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.forget(listener: id) } }
        return stream
    }

    private func forget(listener id: UUID) { lockListeners[id] = nil }

    /// The handle pages use for `value` (a patient or record id) in this session.
    func handle<Tag>(for value: OpaqueIdentifier<Tag>) throws(WebError) -> String {
        guard var current = desk else { throw .locked }
        if let existing = current.handleOf[value] { return existing }
        guard let handle = try? RandomToken.make(bytes: 12) else { throw .locked }
        current.handles[handle] = value
        current.handleOf[value] = handle
        desk = current
        return handle
    }

    /// The vault id behind `handle`, if this session gave it out for an id of this kind.
    func value<Tag>(of handle: String) throws(WebError) -> OpaqueIdentifier<Tag> {
        guard let current = desk else { throw .locked }
        guard let value = current.handles[handle]?.base as? OpaqueIdentifier<Tag> else { throw .unknownHandle }
        return value
    }
}
