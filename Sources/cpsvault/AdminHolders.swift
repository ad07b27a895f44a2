import ArgumentParser
import Foundation
import VaultAgent
import VaultCore
import VaultCrypto

extension Admin {
    /// `cpsvault admin remove NATIONAL_ID`: ends an administrator's hold on the vault key (the
    /// same as `cpsvault professional remove`, kept under the name administrators know).
    struct RemoveAdministrator: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove an administrator: their sealed copies of the vault key are destroyed.",
            discussion: """
            Enrol administrators with `cpsvault professional enrol --admin`; `cpsvault professional \
            remove` does the same for any card holder. The removed card may have opened the \
            vault key, so rotate it afterwards.

            Example: cpsvault admin remove 3759999993/ADM0002 --pin-fd 3 3<pin
            """)

        @OptionGroup var options: SessionOptions

        @Argument(help: "The administrator's national id, as `cpsvault admin status` lists it.")
        var nationalID: String

        func run() throws {
            try ExitStatus.reporting {
                guard try options.perform(VaultRequest.RemoveProfessional(nationalID: nationalID)).wasAdministrator else {
                    throw ValidationError("\(TerminalText.escaped(nationalID)) was a professional, not an administrator; their enrolment was removed all the same")
                }
                try Output.emit(["removed": nationalID], json: options.card.json) {
                    "Removed administrator \(nationalID). Rotate the vault key now: cpsvault admin rotate"
                }
            }
        }
    }

    /// `cpsvault admin recovery-certificate FILE`: replaces the offline recovery certificate.
    struct RecoveryCertificate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recovery-certificate",
            abstract: "Set or replace the offline recovery certificate the vault key is sealed to.",
            discussion: """
            Every live vault key version is sealed to the new certificate and the copies sealed \
            to the previous one are destroyed. Keep its private key offline: with it, \
            `cpsvault admin recover` opens the vault key when every administrator card is lost.

            Example: cpsvault admin recovery-certificate recovery.crt.pem --pin-fd 3 3<pin
            """)

        @OptionGroup var options: SessionOptions

        @Argument(help: "The recovery certificate (PEM), with an RSA key of 2048 bits or more.")
        var certificate: String

        func run() throws {
            try ExitStatus.reporting {
                guard let loaded = try X509Certificate.loadPEMFile(certificate).first else {
                    throw CryptoError.invalidCertificate(source: certificate, reason: "no certificate in the file")
                }
                _ = try options.perform(VaultRequest.ReplaceRecoveryCertificate(certificate: loaded))
                try Output.emit(["recoveryCertificate": loaded.subject.description], json: options.card.json) {
                    "The vault key is now sealed to the recovery certificate \(loaded.subject)."
                }
            }
        }
    }

    /// `cpsvault admin two-person on|off`: the two-person rule for key operations.
    struct TwoPersonRule: ParsableCommand {
        enum Setting: String, ExpressibleByArgument, CaseIterable { case on, off }

        static let configuration = CommandConfiguration(
            commandName: "two-person",
            abstract: "Turn the two-person rule on or off.",
            discussion: """
            With the rule on, rotating the vault key, shredding a patient, enrolling an \
            administrator, recovering the vault and turning the rule off each need a second \
            administrator's card: in another reader (--approver-reader), or inserted first in \
            the same reader, then swapped for the operator's card when asked.

            Examples:
              cpsvault admin two-person on --pin-fd 3 3<pin
              cpsvault admin two-person off --reader 0 --approver-reader 1 --pin-fd 3 --approver-pin-fd 4 3<pin 4<pin2
            """)

        @OptionGroup var options: SessionOptions
        @OptionGroup var approver: ApproverOptions

        @Argument(help: "on or off.")
        var setting: Setting

        func run() throws {
            try ExitStatus.reporting {
                let approval = setting == .off ? try approver.approval(vault: options.vaultPath(), options: options) : nil
                try options.withSession { try $0.administration.setTwoPersonRule(setting == .on, approval: approval) }
                approver.announce(approval)
                try Output.emit(["twoPersonRule": setting.rawValue], json: options.card.json) {
                    "Two-person rule \(setting.rawValue)."
                }
            }
        }
    }
}
