import PostgresNIO
import VaultStore

/// How PostgreSQL failures become `VaultStoreError`s: by SQLSTATE, naming the row from the
/// table the server names, and never quoting the server's DETAIL (which can hold stored values).
enum PostgresErrors {
    /// SQLSTATEs after which the same work may succeed when run again on a fresh snapshot:
    /// serialization failure and deadlock.
    static let retryable: Set<String> = ["40001", "40P01"]

    /// The SQLSTATE of a server error, if `error` is one.
    static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The vault error for `error`, raised while working on the vault at `location`.
    static func map(_ error: any Error, location: String) -> VaultStoreError {
        if let error = error as? VaultStoreError { return error }
        guard let error = error as? PSQLError else {
            return .failed(path: location, detail: String(describing: type(of: error)))
        }
        guard let info = error.serverInfo, let state = info[.sqlState] else {
            return .cannotOpen(path: location, detail: "the server cannot be reached or closed the connection (\(error.code))")
        }
        let message = info[.message] ?? "SQLSTATE \(state)"
        return map(sqlState: state, message: message, table: info[.tableName], location: location)
    }

    /// The vault error for a server error with this SQLSTATE and primary message, about a row
    /// of `table` when the server names one.
    static func map(sqlState state: String, message: String, table: String?, location: String) -> VaultStoreError {
        let stored = table.flatMap { name in storedTables.first { $0.name == name } }
        switch state {
        case "23505": return .duplicate(what: stored?.duplicate ?? "A row with this key")
        case "23503": return .missingReference(what: stored?.noun ?? table ?? "row")
        case "23514", "23502", "22001", "22003", "22P02":
            return .invalid(what: "\(stored?.noun ?? table ?? "row") (\(message))")
        case "P0001": return .refused(rule: message)
        case "3D000": return .missing(path: location)
        case "53100": return .diskFull(path: location)
        case "25006", "42501": return .readOnly(path: location, detail: message)
        case "XX001", "XX002": return .corrupt(path: location, detail: message)
        case "55P03", "40001", "40P01": return .busy(path: location)
        case _ where state.hasPrefix("28"), _ where state.hasPrefix("08"):
            return .cannotOpen(path: location, detail: message)
        case _ where state.hasPrefix("58"): return .io(path: location, detail: message)
        default: return .failed(path: location, detail: "\(message), SQLSTATE \(state)")
        }
    }
}
