import Foundation
import VaultStore

/// The PostgreSQL password file, in libpq's format: lines `host:port:database:user:password`,
/// `*` matching anything, `\:` and `\\` escaping, `#` starting a comment. It is the file named
/// by `PGPASSFILE` (a path, never a secret), else `~/.pgpass`, and it is ignored unless only its
/// owner may read it, as libpq does. Passwords never come from the URL, arguments or the
/// environment.
enum PostgresPasswordFile {
    /// The password for `location`, or nil when there is no file or no line matches.
    static func password(for location: PostgresLocation) throws(VaultStoreError) -> String? {
        let path = ProcessInfo.processInfo.environment["PGPASSFILE"] ?? (NSHomeDirectory() + "/.pgpass")
        return try password(for: location, inFile: path)
    }

    /// The password for `location` in the password file at `path`; a file open to other users
    /// is refused.
    static func password(for location: PostgresLocation, inFile path: String) throws(VaultStoreError) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if info.st_mode & 0o077 != 0 { throw .exposed(path: path, mode: UInt32(info.st_mode) & 0o7777) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .cannotOpen(path: path, detail: "the password file cannot be read")
        }
        let wanted = [location.host, String(location.port), location.database, location.user]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let fields = Self.fields(of: line)
            guard fields.count == 5 else { continue }
            if zip(fields, wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The colon-separated fields of a line, unescaped.
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
