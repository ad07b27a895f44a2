import ArgumentParser
import CPSCard
import Dispatch
import Foundation
import Synchronization
import VaultCore
import VaultCrypto
import VaultWeb

/// `cpsvault serve`: the professional's workstation in the browser, bound to one card session.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the workstation web app on 127.0.0.1, bound to the card in the reader.",
        discussion: """
        Prints the address to open, with a token that works once; --open opens it with xdg-open. \
        The PIN is typed on the Carte page. The session ends, and every open page locks, when the \
        card leaves the reader, after --idle-timeout seconds without a page asked, or when the \
        professional closes it; a new card opens a new session. Stop the server with Ctrl-C.

        Examples:
          cpsvault serve --open
          cpsvault serve --port 8443 --reader 0 --vault ~/cabinet.sqlite
        """)

    @OptionGroup var options: SessionOptions

    @Option(help: "The loopback port to listen on (default: a free one).")
    var port: Int = 0

    @Option(name: .customLong("idle-timeout"), help: "Seconds without a page asked after which the session ends.")
    var idleTimeout: Int = 900

    @Flag(help: "Open the address in the desktop's browser (xdg-open).")
    var open = false

    func validate() throws {
        if options.pinFileDescriptor != nil { throw ValidationError("the PIN is typed on the Carte page; --pin-fd does not apply") }
        if options.agent != nil { throw ValidationError("serve holds its own card session; --agent does not apply") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if idleTimeout <= 0 { throw ValidationError("--idle-timeout must be a positive number of seconds") }
    }

    func run() throws {
        try ExitStatus.reporting {
            // No core dumps, not dumpable, before any key or patient datum is held.
            try ProcessHardening.apply()
            let vault = try VaultLocation(options.vaultPath()).open(trust: options.card.trust())
            try vault.checkWitness(in: WitnessFolder.url)
            let token = try Workstation.makeLaunchToken()
            let workstation = Workstation(door: cardDoor(vault), idleTimeout: .seconds(idleTimeout), launchToken: token)
            let server = WorkstationServer(workstation: workstation, port: port, launchToken: token)
            let failure = Mutex<(any Error)?>(nil)
            let done = DispatchSemaphore(value: 0)
            let openBrowser = open
            Task {
                do {
                    try await server.run { address in
                        print("Ouvrez \(address)")
                        print("(adresse à usage unique ; insérez la carte, puis saisissez son code sur la page Carte)")
                        fflush(nil)
                        if openBrowser { Self.xdgOpen(address) }
                    }
                } catch {
                    failure.withLock { $0 = error }
                }
                done.signal()
            }
            done.wait()
            if let error = failure.withLock({ $0 }) { throw error }
        }
    }

    /// The reader as the workstation sees it, through this command's card options.
    private func cardDoor(_ vault: Vault) -> CardDoor {
        let card = options.card
        return CardDoor(
            inspect: {
                let opened = try card.openCard()
                return try opened.withTransaction { try CardAuthenticator(trust: vault.trust).inspect(opened.driver) }
            },
            open: { pin, allowLastTry in
                let opened = try card.openCard()
                let authenticated = try opened.withTransaction {
                    try vault.authenticate(opened.driver, allowLastTry: allowLastTry) { pin }
                }
                return try VaultSession.open(vault, card: authenticated, reader: opened.reader)
            },
            closed: { session in try? session.vault.recordWitness(in: WitnessFolder.url) })
    }

    /// Opens `address` in the desktop's browser; a failure only means the professional opens it.
    private static func xdgOpen(_ address: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", address]
        try? process.run()
    }
}
