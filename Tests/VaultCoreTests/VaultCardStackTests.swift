import CardStackTesting
import Testing

/// The vault's tests that use cards share the two vault slots, so they run one at a time: every
/// such suite is nested in this one.
@Suite("Vault through the card stack", .tags(.cardStack), .serialized)
enum VaultCardStackTests {}
