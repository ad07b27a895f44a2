import ArgumentParser
import CPSCard
import VaultCore
import PCSC

/// Options every card command takes: which reader, and which trust material.
struct CardOptions: ParsableArguments {
    @Option(help: "The reader, by name or by index in `cpsvault readers` (default: the only reader with a card).")
    var reader: String?

    @Option(help: "The configuration file (default: $CPSVAULT_CONFIG, else ~/.config/cpsvault/config.json).")
    var config: String?

    @Option(name: .customLong("trust-anchor"), help: "A trust anchor certificate file, besides the configuration's (repeatable).")
    var trustAnchors: [String] = []

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// The trust material of the configuration (its CRL folder included) plus the `--trust-anchor` files.
    func trust() throws -> CardTrust {
        let configuration = try Configuration.load(explicitPath: config)
        return try CardTrust(anchorFiles: configuration.trustAnchors + trustAnchors,
                             intermediateFiles: configuration.intermediates,
                             revocationListFiles: configuration.crls,
                             revocationListFolder: configuration.revocationListFolder)
    }

    /// The name of the chosen reader, without connecting to its card.
    func readerName() throws -> String {
        try ReaderChoice.resolve(reader, in: PCSCContext()).name
    }

    /// Connects to the card of the chosen reader.
    func openCard() throws -> OpenedCard {
        let context = try PCSCContext()
        return try OpenedCard.open(ReaderChoice.resolve(reader, in: context), context: context)
    }
}

extension OpenedCard {
    /// Authenticates the card (certificate chain, PIN verified once, challenge signed) in one
    /// PC/SC transaction; the PIN comes from `pinFileDescriptor`, else from the terminal.
    func authenticate(trust: CardTrust, pinFileDescriptor: Int32?, holder: String = "the card",
                      allowLastTry: Bool = false) throws -> AuthenticatedCard {
        try connection.withTransaction {
            try CardAuthenticator(trust: trust).authenticate(driver, allowLastTry: allowLastTry) {
                try pin(from: pinFileDescriptor, holder: holder)
            }
        }
    }

    /// Authenticates the card for `vault`, as `authenticate(trust:…)` does, with a refusal
    /// recorded in the vault's audit log.
    func authenticate(for vault: Vault, pinFileDescriptor: Int32?, holder: String = "the card") throws -> AuthenticatedCard {
        try connection.withTransaction {
            try vault.authenticate(driver) { try pin(from: pinFileDescriptor, holder: holder) }
        }
    }

    /// The PIN from `pinFileDescriptor`, else typed at the terminal without echo.
    private func pin(from pinFileDescriptor: Int32?, holder: String) throws -> PIN {
        if let pinFileDescriptor { return try PIN.read(fromFileDescriptor: pinFileDescriptor) }
        return try PIN.prompt("PIN for \(holder) in \(reader): ")
    }
}
