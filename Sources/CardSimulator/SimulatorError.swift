/// What can go wrong when running a simulated card, with what to do about it.
public enum SimulatorError: Error, CustomStringConvertible, Sendable {
    case unreadableProfile(path: String, reason: String)
    case unreadablePINCounter(path: String, reason: String)
    case readerUnreachable(port: UInt16, reason: String)
    case slotOccupied(port: UInt16)
    case slotEmpty(port: UInt16)
    case controlSocket(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableProfile(let path, let reason):
            "Cannot load the card profile \(path): \(reason). Check the file, or regenerate the test cards with Scripts/make-test-pki."
        case .unreadablePINCounter(let path, let reason):
            "Cannot read or write the PIN counter file \(path): \(reason). Check its permissions, or delete it to give the card a fresh counter."
        case .readerUnreachable(let port, let reason):
            "Cannot reach the vpcd reader on 127.0.0.1:\(port): \(reason). Start pcscd with the simulated readers (Scripts/cardstack start)."
        case .slotOccupied(let port):
            "A card is already in the reader on port \(port): remove it first."
        case .slotEmpty(let port):
            "There is no card in the reader on port \(port)."
        case .controlSocket(let path, let reason):
            "The simulator's control socket \(path) failed: \(reason). Is cps-card-sim running (Scripts/cardstack start)?"
        }
    }
}
