import CardStackTesting
import Testing

/// The vault's tests whose cards are authenticated in this process, against the same driver,
/// certificate checks, PIN and challenge as through a reader: every suite that needs no reader is
/// nested in this one, and runs without the card stack.
@Suite("Vault")
enum VaultTests {}

/// The vault's tests that need the real card stack (a card pulled from its reader, the command
/// line through pcscd). They share the vault's two slots, so they run one at a time; without the
/// card stack they are skipped, saying how to start it.
@Suite("Vault through the card stack", .tags(.cardStack), .serialized, .enabled(if: CardStack.shouldRun, CardStack.startHint))
enum VaultCardStackTests {}
