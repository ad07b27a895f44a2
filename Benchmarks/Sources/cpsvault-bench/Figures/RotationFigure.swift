import Foundation
import VaultCore
import VaultFixtures

/// Rotating the vault key of a vault with a million patients: `VaultSession.rotateVaultKey`
/// (a new version sealed to its holders, then every escrow copy unwrapped under the old key,
/// wrapped under the new one and stored, in batches that are each one durable transaction),
/// against raw SQLite UPDATEs of the same rows with the same batching.
///
/// The patients are placeholders escrowed under the first vault key
/// (`addEscrowedPlaceholderPatients`), in a vault on disk; an administrator's session with a
/// simulated card in this process does the rotation.
struct RotationFigure: Figure {
    static let patientCount = 1_000_000
    /// Rows per transaction, as `Escrow.batchSize` in VaultCore.
    static let batch = 2000

    var name: String { "rotation" }
    var title: String { "vault key rotation, \(Self.patientCount / 1_000_000)M patients" }
    var baselineDescription: String? { "raw SQLite UPDATE of the same rows, same batching" }
    var requirements: [Requirement] { [.ratio(atLeast: 0.5), .atMost(20)] }

    func measure(scale: Double) throws -> Outcome {
        let count = max(Int(Double(Self.patientCount) * scale), 10_000)
        let fixture = try BenchVault(patients: 0)
        defer { fixture.remove() }
        let admin = try VaultSession.open(fixture.vault, card: BenchCards.inProcess("admin-1"))
        defer { admin.end() }
        let seeding = try Stopwatch.seconds { try admin.administration.addEscrowedPlaceholderPatients(count: count) }
        var summary: RotationSummary?
        let productSeconds = try Stopwatch.seconds { summary = try admin.administration.rotateVaultKey() }
        guard let summary, summary.rewrapped == count else {
            throw BenchError("the rotation rewrapped \(summary?.rewrapped ?? 0) of \(count) escrow copies")
        }
        // The same rows, moved back to the first version by plain updates.
        let raw = try RawEscrowUpdates(path: fixture.folder.appendingPathComponent("vault.sqlite").path)
        var moved = 0
        let baselineSeconds = try Stopwatch.seconds { moved = try raw.move(from: summary.targetVersion, to: 1, batch: Self.batch) }
        guard moved == count else { throw BenchError("the raw updates moved \(moved) of \(count) rows") }
        return Outcome(
            measured: .cost(productSeconds, "s"),
            baseline: .cost(baselineSeconds, "s"),
            notes: ["\(count) escrow copies, \(Self.batch) per transaction; seeded in \(seeding.formatted(digits: 1)) s",
                    "product \((productSeconds / Double(count) * 1e6).formatted(digits: 2)) µs per copy, baseline \((baselineSeconds / Double(count) * 1e6).formatted(digits: 2)) µs"])
    }
}
