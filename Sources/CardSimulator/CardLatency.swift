/// How long a simulated card takes, as a real card in a real reader would: a time for every
/// command-response exchange, a time per byte carried, and a time for each costly operation
/// (docs/CARD.md, "Latency profiles", gives the figures and where they come from). The simulator
/// really waits that long before it answers, so a client measures what a professional waits for.
///
/// `none`, the default, answers at once: tests run with it.
public struct CardLatency: Sendable, Equatable {
    /// The profile's name (`none`, `cps3`, `cps4`), as `--latency` and a profile file give it.
    public var name: String
    /// The fixed cost of one command-response exchange: the reader's round trip and the
    /// card's decoding, whatever the command.
    public var perExchange: Duration
    /// The time to carry one byte of the command or the response at the interface's speed.
    public var perByte: Duration
    /// The time each costly operation adds to its exchange.
    public var operations: [CardOperation: Duration]

    public init(name: String, perExchange: Duration, perByte: Duration, operations: [CardOperation: Duration]) {
        self.name = name
        self.perExchange = perExchange
        self.perByte = perByte
        self.operations = operations
    }

    /// No waiting at all.
    public static let none = CardLatency(name: "none", perExchange: .zero, perByte: .zero, operations: [:])

    /// A CPS3 on its contact interface: T=0 at the default speed its answer to reset leaves
    /// (no TA1: 372 clock cycles per bit, about 1.1 ms per character at 4 MHz), exchanges of
    /// about 85 ms as a published trace of a real CPS3 shows, RSA-2048 on a card of 2010s
    /// silicon.
    public static let cps3 = CardLatency(
        name: "cps3", perExchange: .milliseconds(85), perByte: .microseconds(1_100),
        operations: [.verify: .milliseconds(40), .internalAuthenticate: .milliseconds(450),
                     .decipher: .milliseconds(450), .computeDigitalSignature: .milliseconds(450)])

    /// A CPS4 (ChipDoc): T=1 at the speed its answer to reset offers (TA1 = 18: 31 clock cycles
    /// per bit, about 85 µs per character at 4 MHz), a recent secure element's RSA-2048.
    public static let cps4 = CardLatency(
        name: "cps4", perExchange: .milliseconds(10), perByte: .microseconds(85),
        operations: [.verify: .milliseconds(20), .internalAuthenticate: .milliseconds(150),
                     .decipher: .milliseconds(150), .computeDigitalSignature: .milliseconds(150)])

    /// Every profile, by name.
    public static let all: [CardLatency] = [.none, .cps3, .cps4]

    /// The profile called `name`, or nil.
    public static func named(_ name: String) -> CardLatency? {
        all.first { $0.name == name }
    }

    /// How long an exchange of `bytes` bytes (command and response together) that performed
    /// `operation` takes.
    public func duration(exchanging bytes: Int, performing operation: CardOperation?) -> Duration {
        perExchange + perByte * bytes + (operation.flatMap { operations[$0] } ?? .zero)
    }
}

extension Duration {
    /// The duration in seconds, for the APIs that take a `TimeInterval`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
