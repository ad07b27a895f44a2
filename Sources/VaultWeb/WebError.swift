/// What went wrong between the browser and the workstation, with what to do about it. No case
/// carries patient data: the message may reach a page, and nothing of a patient may reach a log.
public enum WebError: Error, CustomStringConvertible, Sendable {
    /// The server could not listen on loopback.
    case cannotListen(port: Int, reason: String)
    /// A request named a host other than the loopback address the server printed.
    case wrongHost
    /// A state-changing request came from another site, or without the page's token.
    case forgedRequest
    /// The browser has not opened the printed address (or its token was used already).
    case notLaunched
    /// No card session is open in this browser.
    case locked
    /// A page or handle this session does not know (a stale link, another session's page).
    case unknownHandle
    /// A request body larger than the route accepts.
    case tooLarge(limit: Int)
    /// More requests than a person at a browser makes.
    case tooManyRequests
    /// A form field missing or malformed, named in French for the page.
    case badForm(String)
    /// An upload that ended before its end (the browser closed, the network went).
    case uploadInterrupted

    public var description: String {
        switch self {
        case .cannotListen(let port, let reason):
            "Cannot listen on 127.0.0.1:\(port): \(reason). Choose another --port, or leave it out for a free one."
        case .wrongHost:
            "The request named another host than the address cpsvault serve printed; it was refused (DNS rebinding guard)."
        case .forgedRequest:
            "A request that changes something came without this page's token or from another site; it was refused."
        case .notLaunched:
            "This browser has not opened the address cpsvault serve printed; open that address (its token works once)."
        case .locked:
            "No card session is open: insert the card and type its PIN on the Carte page."
        case .unknownHandle:
            "This page belongs to an earlier session or does not exist; go back to the patient list."
        case .tooLarge(let limit):
            "The request is larger than the \(limit) bytes this page accepts."
        case .tooManyRequests:
            "Too many requests in a short time; wait a moment and try again."
        case .badForm(let what):
            "The form is incomplete: \(what)."
        case .uploadInterrupted:
            "The upload stopped before its end; nothing was recorded. Send the file again."
        }
    }
}
