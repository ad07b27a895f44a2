import CardSimulator
import FuzzSupport
import SmartCard

/// The simulated card's command dispatcher: the input is a sequence of command APDUs (2-byte
/// lengths, as vpcd frames them; an empty part is a card reset) sent to a fresh card. Every
/// command must get a response APDU, and the card must never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCard(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let profile = CardFixture.profile, let card = try? SimulatedCard(profile: profile) else {
        preconditionFailure("the fuzz card profile cannot be loaded: run Scripts/make-test-pki")
    }
    var input = FuzzInput(FuzzEntry.bytes(data, size))
    while let command = input.nextPart() {
        if command.isEmpty {
            card.reset()
            continue
        }
        let response = card.process(command)
        precondition((try? ResponseAPDU(parsing: response)) != nil, "the card answered with no status word")
    }
    return 0
}

/// The profile is read once: keys and certificates are the slow part of making a card.
enum CardFixture {
    static let profile = try? CardConversation.profile()
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    FuzzEntry.writeSeedsIfAsked(argc, argv) {
        let commands = try CardConversation.record(profile: CardConversation.profile()).commands
        // The whole session, then each command alone, then the session with a reset half way.
        return [FuzzInput.framed(commands)] + commands.map { FuzzInput.framed([$0]) }
            + [FuzzInput.framed(Array(commands.prefix(commands.count / 2)) + [[]] + commands)]
    }
    return 0
}
