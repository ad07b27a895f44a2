/// The machine's one card stack (pcscd, vpcd readers, simulator), held for one figure:
/// `Scripts/cardstack start` waits for this user's card-stack lock and keeps it until
/// `Scripts/cardstack stop`, which `release()` runs.
final class CardStackLease {
    /// Starts the stack once the lock is free; throws if it cannot start.
    init() throws {
        do {
            try PackageScript.run("cardstack", ["start"])
        } catch {
            _ = try? PackageScript.run("cardstack", ["stop"])
            throw error
        }
    }

    /// Stops the stack and lets the next user of the machine have it.
    func release() {
        _ = try? PackageScript.run("cardstack", ["stop"])
    }
}
