import GRDB

extension VaultStoreError {
    /// The vault error for an SQLite failure on the database at `path`, while writing a row of
    /// `table` when there is one (constraint failures are about that row).
    init(_ error: DatabaseError, path: String, table: StoredTable? = nil) {
        let detail = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        switch (error.extendedResultCode, table) {
        case (.SQLITE_CONSTRAINT_PRIMARYKEY, let table?), (.SQLITE_CONSTRAINT_UNIQUE, let table?):
            self = .duplicate(what: table.duplicate)
        case (.SQLITE_CONSTRAINT_FOREIGNKEY, let table?):
            self = .missingReference(what: table.noun)
        case (.SQLITE_CONSTRAINT_CHECK, let table?), (.SQLITE_CONSTRAINT_NOTNULL, let table?),
             (.SQLITE_CONSTRAINT_DATATYPE, let table?):
            self = .invalid(what: "\(table.noun) (\(detail))")
        case (.SQLITE_CONSTRAINT_TRIGGER, _):
            self = .refused(rule: detail)
        default:
            self = Self(primary: error.resultCode, detail: detail, path: path)
        }
    }

    private init(primary code: ResultCode, detail: String, path: String) {
        switch code {
        case .SQLITE_CORRUPT: self = .corrupt(path: path, detail: detail)
        case .SQLITE_NOTADB: self = .notADatabase(path: path)
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: self = .readOnly(path: path, detail: detail)
        case .SQLITE_CANTOPEN: self = .cannotOpen(path: path, detail: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy(path: path)
        case .SQLITE_IOERR: self = .io(path: path, detail: detail)
        default: self = .failed(path: path, detail: detail)
        }
    }
}

/// Runs `work`, turning SQLite errors into `VaultStoreError` and letting any other error
/// through unchanged.
func mappingSQLiteErrors<T>(path: String, table: StoredTable? = nil, _ work: () throws -> T) throws -> T {
    do {
        return try work()
    } catch let error as DatabaseError {
        throw VaultStoreError(error, path: path, table: table)
    }
}
