import Hummingbird
import HTTPTypes

/// The headers every answer carries, and those of record content, which the app never lets run
/// script in its own origin.
enum SecurityHeaders {
    /// Pages: scripts and styles from the app's own files only (no inline script), nothing framed
    /// and nothing framing them.
    static let pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// Record content: a sandbox (no script, an opaque origin), nothing loaded from it, framed
    /// only by the app's own record page.
    static let contentPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"

    /// A PDF shown in the record page's frame: Chromium's viewer does not open a sandboxed
    /// document, so it loads nothing from the app and only the app may frame it; a PDF's own
    /// scripts run, if at all, in the viewer, never in the app's origin.
    static let documentPolicy = "default-src 'none'; frame-ancestors 'self'"

    /// Sets what `response` lacks of the common headers (record content keeps its own policy).
    static func apply(to response: inout Response) {
        let common: [(HTTPField.Name, String)] = [
            (.contentSecurityPolicy, pagePolicy),
            (.xContentTypeOptions, "nosniff"),
            (.referrerPolicy, "no-referrer"),
            (.cacheControl, "no-store"),
            (.xFrameOptions, "DENY"),
            (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
            (.crossOriginResourcePolicy, "same-origin"),
        ]
        for (name, value) in common where response.headers[name] == nil {
            if name == .xFrameOptions, [contentPolicy, documentPolicy].contains(response.headers[.contentSecurityPolicy]) { continue }
            response.headers[name] = value
        }
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let formToken = HTTPField.Name("X-Jeton")!
}
