import CardSimulator
import CPSCard
import Foundation
import PCSC
import VaultCore

/// Opening a vault session with a card through pcscd and vpcd: PC/SC context, connection,
/// certificates and chain check, PIN, signed challenge and the wallet deciphered by the card,
/// against OpenSC's `pkcs11-tool --login --sign` (a PKCS#11 login and one signature) on the same
/// card. Both get a freshly inserted card each round, as slow as `latency` makes it; the card
/// counts the APDUs and private-key operations each spends.
///
/// Takes the machine-wide card-stack lock and starts the stack for the time of the figure.
struct CardSessionFigure: Figure {
    /// The slot the figure inserts its cards into: reader A's second slot (port 35964).
    static let port: UInt16 = 35964
    static let reader = "CPS Reader A 00 01"

    /// How slow the card is: `none` measures the software, `cps3` what a professional waits for.
    var latency: CardLatency = .none

    var name: String { latency == .none ? "card-session" : "session-open" }
    var title: String {
        let card = latency == .none ? "the simulator" : "the simulator at \(latency.name) card latency"
        return "card session open (PIN, challenge, wallet) through pcscd and \(card)"
    }
    var baselineDescription: String? { "OpenSC pkcs11-tool --login --sign on the same card" }
    var requirements: [Requirement] { [.ratio(atLeast: 1), .secondaryBelowBaseline("APDUs")] }

    func measure(scale: Double) throws -> Outcome {
        let lease = try CardStackLease()
        defer { lease.release() }
        let context: PCSCContext
        do {
            context = try PCSCContext()
            guard try context.readerNames().contains(Self.reader) else { throw BenchError("no reader \(Self.reader)") }
        } catch {
            throw BenchError("the card stack started but pcscd does not answer as expected: \(error)")
        }
        let fixture = try BenchVault(patients: 0)
        defer { fixture.remove() }
        let openSC = try OpenSCSign(folder: fixture.folder)
        let rack = CardRack()
        let rounds = max(3, Int(((latency == .none ? 10 : 5) * scale).rounded()))
        var product: [(seconds: Double, apdus: Int, operations: Int)] = []
        var baseline: [(seconds: Double, apdus: Int, operations: Int)] = []

        /// Inserts a fresh card, times `body`, counts its APDUs and private-key operations, and
        /// pulls the card out.
        func round(_ body: () throws -> Void) throws -> (seconds: Double, apdus: Int, operations: Int) {
            let card = try BenchCards.simulated("physician-1", latency: latency)
            try rack.insert(card, port: Self.port)
            defer {
                try? rack.remove(port: Self.port)
                _ = try? context.waitForRemoval(from: Self.reader, timeout: .seconds(10))
            }
            _ = try context.waitForCard(in: Self.reader, timeout: .seconds(10))
            let (before, operationsBefore) = (card.commandsProcessed, card.privateKeyOperations)
            let seconds = try Stopwatch.seconds(body)
            return (seconds, card.commandsProcessed - before, card.privateKeyOperations - operationsBefore)
        }

        for _ in 0..<rounds {
            product.append(try round {
                let client = try PCSCContext()
                let state = try client.states(of: [Self.reader])[0]
                let opened = try OpenedCard.open(state, context: client)
                let session = try VaultSession.open(fixture.vault, card: BenchCards.authenticate(opened.driver))
                session.end()
                opened.connection?.disconnect()
            })
            baseline.append(try round { try openSC.sign(reader: Self.reader) })
        }
        let productSeconds = Stopwatch.median(product.map(\.seconds))
        let baselineSeconds = Stopwatch.median(baseline.map(\.seconds))
        return Outcome(
            measured: .cost(productSeconds * 1000, "ms"),
            baseline: .cost(baselineSeconds * 1000, "ms"),
            secondary: ["APDUs": (.cost(Double(product.map(\.apdus).max() ?? 0), "APDUs"),
                                  .cost(Double(baseline.map(\.apdus).max() ?? 0), "APDUs"))],
            notes: ["median of \(rounds) rounds, a fresh card each; pkcs11-tool timed as a whole process",
                    "product APDUs per round \(product.map(\.apdus)), pkcs11-tool \(baseline.map(\.apdus))",
                    "private-key operations per round: product \(product.map(\.operations)), pkcs11-tool \(baseline.map(\.operations))",
                    "product rounds \(product.map { ($0.seconds * 1000).formatted(digits: 0) }) ms, "
                        + "pkcs11-tool \(baseline.map { ($0.seconds * 1000).formatted(digits: 0) }) ms"])
    }
}
