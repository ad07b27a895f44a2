import Foundation

/// The card's try counter for its PIN, optionally kept in a file so that a blocked card stays
/// blocked when the simulator restarts, as a real card would.
struct PINCounter: Sendable {
    let maximum: Int
    private(set) var remaining: Int
    private let file: URL?

    init(maximum: Int, file: URL?) throws(SimulatorError) {
        self.maximum = maximum
        self.file = file
        remaining = maximum
        guard let file, FileManager.default.fileExists(atPath: file.path) else { return }
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  (0...maximum).contains(value) else {
                throw SimulatorError.unreadablePINCounter(path: file.path, reason: "not a number from 0 to \(maximum)")
            }
            remaining = value
        } catch let error as SimulatorError {
            throw error
        } catch {
            throw .unreadablePINCounter(path: file.path, reason: error.localizedDescription)
        }
    }

    var isBlocked: Bool { remaining == 0 }

    /// Spends one try. Throws when the new count cannot be saved, as a card whose memory write fails.
    mutating func recordFailure() throws { try set(max(0, remaining - 1)) }

    /// Restores every try after a correct PIN.
    mutating func recordSuccess() throws { try set(maximum) }

    private mutating func set(_ value: Int) throws {
        guard value != remaining else { return }
        if let file {
            try Data("\(value)\n".utf8).write(to: file, options: [.atomic])
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
        remaining = value
    }
}
