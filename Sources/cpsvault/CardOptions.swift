import ArgumentParser
import CPSCard
import VaultCore
import PCSC
import PKCS11

/// Options every card command takes: which reader, through which PKCS#11 module if any, and
/// which trust material.
struct CardOptions: ParsableArguments {
    @Option(help: "The reader, by name or by index in `cpsvault readers` (default: the only reader with a card).")
    var reader: String?

    @Option(name: .customLong("pkcs11-module"), help: ArgumentHelp(
        "Reach the card through this PKCS#11 module (a card middleware's shared library) instead of PC/SC (default: the configuration's \"pkcs11Module\").",
        discussion: "e.g. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so (OpenSC) or ANS's libcps3_pkcs11_lux.so (Cryptolib CPS); --reader then names the reader in the slot description.",
        valueName: "path"))
    var pkcs11Module: String?

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

    /// The PKCS#11 module the card is reached through: `--pkcs11-module`, else the
    /// configuration's `"pkcs11Module"`; nil for PC/SC.
    func module() throws -> PKCS11Module? {
        guard let path = try pkcs11Module ?? Configuration.load(explicitPath: config).pkcs11Module else { return nil }
        return try PKCS11Module.load(path)
    }

    /// The name of the chosen reader, without connecting to its card.
    func readerName() throws -> String {
        if let module = try module() { return try PKCS11TokenChoice.resolve(reader, in: module).description }
        return try ReaderChoice.resolve(reader, in: PCSCContext()).name
    }

    /// Connects to the card of the chosen reader, through the PKCS#11 module when one is named.
    func openCard() throws -> OpenedCard {
        if let module = try module() { return try OpenedCard.open(module: module, reader: reader) }
        let context = try PCSCContext()
        return try OpenedCard.open(ReaderChoice.resolve(reader, in: context), context: context)
    }
}

extension OpenedCard {
    /// Authenticates the card (certificate chain, PIN verified once, challenge signed) in one
    /// PC/SC transaction; the PIN comes from `pinFileDescriptor`, else from the terminal.
    func authenticate(trust: CardTrust, pinFileDescriptor: Int32?, holder: String = "the card",
                      allowLastTry: Bool = false) throws -> AuthenticatedCard {
        try withTransaction {
            try CardAuthenticator(trust: trust).authenticate(driver, allowLastTry: allowLastTry) {
                try pin(from: pinFileDescriptor, holder: holder)
            }
        }
    }

    /// Authenticates the card for `vault`, as `authenticate(trust:…)` does, with a refusal
    /// recorded in the vault's audit log.
    func authenticate(for vault: Vault, pinFileDescriptor: Int32?, holder: String = "the card") throws -> AuthenticatedCard {
        try withTransaction {
            try vault.authenticate(driver) { try pin(from: pinFileDescriptor, holder: holder) }
        }
    }

    /// The PIN from `pinFileDescriptor`, else typed at the terminal without echo.
    private func pin(from pinFileDescriptor: Int32?, holder: String) throws -> PIN {
        if let pinFileDescriptor { return try PIN.read(fromFileDescriptor: pinFileDescriptor) }
        return try PIN.prompt("PIN for \(holder) in \(reader): ")
    }
}
