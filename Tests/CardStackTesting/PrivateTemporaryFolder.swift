import Foundation

/// A new folder in the temporary directory, made by `mkdtemp`: a name no one can guess or take
/// first, mode 0700, so what tests put there (identities, configuration) stays this user's.
public enum PrivateTemporaryFolder {
    /// Creates the folder, named `prefix` and six random characters.
    public static func make(prefix: String) throws -> URL {
        var template = Array((FileManager.default.temporaryDirectory.path + "/\(prefix)-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else {
            throw TestStackError("Cannot create a folder in \(FileManager.default.temporaryDirectory.path) (errno \(errno)): is it writable?")
        }
        return URL(fileURLWithPath: String(cString: template), isDirectory: true)
    }
}
