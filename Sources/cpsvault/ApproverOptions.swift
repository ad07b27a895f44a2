import ArgumentParser
import CPSCard
import Foundation
import PCSC
import VaultCore

/// How a second administrator approves an operation under the vault's two-person rule: their
/// card in another reader, or in the same reader before the operator's card.
struct ApproverOptions: ParsableArguments {
    @Option(help: "The reader holding the approving administrator's card, under the two-person rule (default: the same reader, before yours).")
    var approverReader: String?

    @Option(name: .customLong("approver-pin-fd"), help: "Read the approving administrator's PIN from this file descriptor instead of the terminal.")
    var approverPINFileDescriptor: Int32?

    /// How long to wait for a card to be swapped in the same reader.
    private static let swapTimeout: Duration = .seconds(120)

    /// The approval the vault's two-person rule asks for, or nil when the rule is off. Without
    /// --approver-reader, the card now in the operator's reader is the approver's: once it has
    /// approved, the holder is asked to swap it for the operator's card.
    func approval(vault path: String, options: SessionOptions) throws -> AdministratorApproval? {
        let vault = try VaultLocation(path).open(trust: options.card.trust())
        guard try vault.twoPersonRule else { return nil }
        let context = try PCSCContext()
        let reader = try ReaderChoice.resolve(approverReader ?? options.card.reader, in: context)
        let approval = try AdministratorApproval.approve(vault, card: authenticate(reader, context: context, vault: vault))
        if approverReader == nil {
            Output.note("remove the approving card from \(reader.name) and insert yours.")
            _ = try context.waitForRemoval(from: reader.name, timeout: Self.swapTimeout)
            _ = try context.waitForCard(in: reader.name, timeout: Self.swapTimeout)
        }
        return approval
    }

    /// Says who approved, once the operation the approval was for has been done: an approval is
    /// announced only once the vault accepted it.
    func announce(_ approval: AdministratorApproval?) {
        guard let approval else { return }
        Output.note("approved by \(approval.nationalID).")
    }

    /// The second card, authenticated, when --approver-reader names a reader: for `admin
    /// recover`, where both cards become administrators.
    func secondCard(for vault: Vault) throws -> AuthenticatedCard? {
        guard let approverReader else { return nil }
        let context = try PCSCContext()
        return try authenticate(ReaderChoice.resolve(approverReader, in: context), context: context, vault: vault)
    }

    private func authenticate(_ reader: ReaderState, context: PCSCContext, vault: Vault) throws -> AuthenticatedCard {
        try OpenedCard.open(reader, context: context).authenticate(
            for: vault, pinFileDescriptor: approverPINFileDescriptor, holder: "the second administrator's card")
    }
}
