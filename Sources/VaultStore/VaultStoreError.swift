/// Why the vault storage failed, each case saying what happened and what to do; messages
/// never contain stored values.
public enum VaultStoreError: Error, CustomStringConvertible, Sendable, Hashable {
    /// No vault database at `path` (opening an existing vault).
    case missing(path: String)
    /// The file cannot be opened or created (missing folder, no permission, …).
    case cannotOpen(path: String, detail: String)
    /// The file is not an SQLite database at all, or its header is damaged.
    case notADatabase(path: String)
    /// The file is a database but holds no vault, or something else besides.
    case notAVault(path: String)
    /// The database is damaged.
    case corrupt(path: String, detail: String)
    /// The database was written by a newer cpsvault.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The vault files are open to other users.
    case exposed(path: String, mode: UInt32)
    /// The folder holding the vault lets another user change it, or one of its files is another user's.
    case unsafeFolder(path: String, reason: String)
    /// The path names something that is not a vault file (a folder).
    case notAFile(path: String, kind: String)
    /// The file is empty: it holds no vault.
    case empty(path: String)
    /// No space left for the database or its journal.
    case diskFull(path: String)
    /// The database or its folder cannot be written.
    case readOnly(path: String, detail: String)
    /// Another process kept the database locked.
    case busy(path: String)
    /// Reading or writing the file failed at the operating-system level.
    case io(path: String, detail: String)
    /// A row with the same key already exists; `what` names it, e.g. "A patient with this
    /// identifier".
    case duplicate(what: String)
    /// A row names another that is not stored; `what` names the row, e.g. "grant".
    case missingReference(what: String)
    /// The row to update is not stored; `what` names it, e.g. "professional".
    case notFound(what: String)
    /// A value breaks the vault's rules for its shape, e.g. an id that is not 16 bytes.
    case invalid(what: String)
    /// An append-only or chain rule refused the change; `rule` says which.
    case refused(rule: String)
    /// Any other storage failure.
    case failed(path: String, detail: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "There is no vault database at \(path): check the path, or create the vault first."
        case .cannotOpen(let path, let detail):
            "The vault database \(path) cannot be opened (\(detail)): check that its folder exists and that you may read and write there."
        case .notADatabase(let path):
            "The file \(path) is not a vault database, or its header is damaged: check the path, or restore the vault from a backup; nothing was written."
        case .notAVault(let path):
            "The database \(path) does not hold a cpsvault vault: check the path; nothing was written."
        case .corrupt(let path, let detail):
            "The vault database \(path) is corrupt (\(detail)): restore it from a backup; nothing was written."
        case .newerSchema(let path, let found, let supported):
            "The vault database \(path) is newer than this cpsvault (schema \(found) > \(supported)): upgrade cpsvault; nothing was written."
        case .exposed(let path, let mode):
            "The vault file \(path) is open to other users (mode \(String(mode, radix: 8))): restrict it with chmod 600, and check who may have read it."
        case .unsafeFolder(let path, let reason):
            "The vault's folder \(path) is not safe: \(reason). Keep the vault in a folder only you can write to (chmod 700), or move it; nothing was opened."
        case .notAFile(let path, let kind):
            "\(path) is \(kind), not a vault file: name the vault's file with --vault (e.g. \(path)/vault.sqlite); nothing was opened."
        case .empty(let path):
            "The file \(path) is empty: it holds no vault. Check the path; to create a vault there, remove the empty file first (`cpsvault init`); nothing was written."
        case .diskFull(let path):
            "The disk holding the vault database \(path) is full: free some space and retry; the transaction was rolled back."
        case .readOnly(let path, let detail):
            "The vault database \(path) cannot be written (\(detail)): check the permissions of the file and its folder; nothing was written."
        case .busy(let path):
            "The vault database \(path) stayed locked by another process: retry when it has finished; nothing was written."
        case .io(let path, let detail):
            "Reading or writing the vault database \(path) failed (\(detail)): check the disk, then retry; the transaction was rolled back."
        case .duplicate(let what):
            "\(what) already exists."
        case .missingReference(let what):
            "The \(what) refers to a patient, professional, team, key version or record that is not in the vault: store that first."
        case .notFound(let what):
            "There is no such \(what) in the vault: nothing was changed."
        case .invalid(let what):
            "The \(what) has the wrong shape: nothing was written."
        case .refused(let rule):
            "The vault refused the change because \(rule); nothing was changed."
        case .failed(let path, let detail):
            "The vault database \(path) failed (\(detail)): retry, and restore from a backup if it persists; the transaction was rolled back."
        }
    }
}
