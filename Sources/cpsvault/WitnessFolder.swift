import Foundation

/// Where this workstation keeps what it saw of each vault's audit log (`AuditWitness`): an
/// owner-only folder under `$XDG_STATE_HOME`, else `~/.local/state`.
enum WitnessFolder {
    static var url: URL {
        let state = ProcessInfo.processInfo.environment["XDG_STATE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".local/state")
        return state.appendingPathComponent("cpsvault")
    }

    static var description: String { "$XDG_STATE_HOME/cpsvault, else ~/.local/state/cpsvault" }
}
