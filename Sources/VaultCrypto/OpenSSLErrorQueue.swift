import COpenSSL

/// The calling thread's OpenSSL error queue, read into text for `CryptoError`.
enum OpenSSLErrorQueue {
    /// Empties the queue and returns its reasons joined with "; ", or `fallback` when it was empty.
    static func drain(fallback: String = "no reason given") -> String {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            let library = ERR_lib_error_string(code).map { String(cString: $0) }
            let reason = ERR_reason_error_string(code).map { String(cString: $0) }
            switch (library, reason) {
            case let (library?, reason?): reasons.append("\(library): \(reason)")
            case let (nil, reason?): reasons.append(reason)
            case let (library?, nil): reasons.append("\(library): error \(ERR_GET_REASON(code))")
            case (nil, nil): reasons.append("OpenSSL error \(code)")
            }
        }
        return reasons.isEmpty ? fallback : reasons.joined(separator: "; ")
    }

    /// Empties the queue without reading it, where a reason must not leak (decryption).
    static func discard() {
        ERR_clear_error()
    }
}
