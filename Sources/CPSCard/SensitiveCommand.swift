import SmartCard
@_spi(SecretBytesAccess) import VaultCrypto

/// A short command APDU whose data field is a secret (a PIN block): built, sent and wiped in
/// secret storage, never in an `Array`, so no copy of the secret outlives the command.
///
/// Only commands with no response data use it (VERIFY, CHANGE REFERENCE DATA): their answer is a
/// status word, so no GET RESPONSE follows and nothing in the response is secret.
struct SensitiveCommand {
    let cla: UInt8
    let ins: UInt8
    let p1: UInt8
    let p2: UInt8
    let data: SecretBytes

    /// The command in its short form `CLA INS P1 P2 Lc data`, in secret storage.
    private func encoded() throws -> SecretBytes {
        guard (1...255).contains(data.count) else {
            throw SmartCardError.invalidCommand(reason: "a secret data field of \(data.count) bytes does not fit a short command")
        }
        return SecretBytes(concatenating: [SecretBytes(copying: [cla, ins, p1, p2, UInt8(data.count)]), data])
    }

    /// Sends the command through `channel` from secret storage and returns the card's answer.
    func send(through channel: any CardChannel) throws -> ResponseAPDU {
        let command = try encoded()
        return try ResponseAPDU(parsing: command.withUnsafeBytes { try channel.transmit(sensitive: $0) })
    }
}
