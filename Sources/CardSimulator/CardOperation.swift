/// The card operations whose duration a latency profile sets (`CardLatency`): the PIN check and
/// the three private-key operations a CPS3 or CPS4 performs.
public enum CardOperation: String, Sendable, CaseIterable, Codable {
    /// VERIFY with a PIN: the comparison and the write of the try counter.
    case verify
    /// INTERNAL AUTHENTICATE: the authentication key signs a DigestInfo (CPS3).
    case internalAuthenticate
    /// PSO DECIPHER: the authentication key's private operation (both generations; a CPS4 also
    /// authenticates with it).
    case decipher
    /// PSO COMPUTE DIGITAL SIGNATURE with the signature key.
    case computeDigitalSignature

    /// Whether the operation uses a private key (every one but VERIFY).
    public var usesPrivateKey: Bool { self != .verify }

    /// The operation `command` made the card perform, given the status word it answered; nil
    /// for any other command, for a block of a chain that is not the last, and for a command
    /// refused before the operation ran.
    init?(command: [UInt8], answer: [UInt8]) {
        guard command.count >= 4, command[0] & 0x10 == 0, answer.count >= 2 else { return nil }
        let (sw1, sw2) = (answer[answer.count - 2], answer[answer.count - 1])
        let completed = sw1 == 0x90 && sw2 == 0x00 || sw1 == 0x61
        switch (command[1], command[2], command[3]) {
        case (0x20, _, _) where command.count > 5:
            // A wrong PIN costs the comparison too; a try-counter query (no data) costs nothing.
            guard completed || sw1 == 0x63 else { return nil }
            self = .verify
        case (0x88, _, _) where completed: self = .internalAuthenticate
        case (0x2A, 0x80, 0x86) where completed: self = .decipher
        case (0x2A, 0x9E, 0x9A) where completed: self = .computeDigitalSignature
        default: return nil
        }
    }
}
