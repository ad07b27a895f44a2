import CPSCard
import Hummingbird

/// The card page's form: the PIN, read from the body's bytes straight into a `PIN` (never a
/// `String`), the body wiped once read; the form token; and the confirmation of the last try.
struct PINForm {
    let pin: PIN
    let token: String?
    let allowLastTry: Bool

    /// Reads and wipes `body`. A PIN that is not 4 to 8 digits is `CPSCardError.malformedPIN`.
    init(wiping body: inout ByteBuffer) throws {
        var bytes = Array(body.readableBytesView)
        _ = body.withUnsafeMutableReadableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) }
        defer { bytes.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        var digits: [UInt8] = []
        var token: String?
        var lastTry = false
        for pair in FormFields.pairs(bytes) {
            switch String(decoding: pair.name, as: UTF8.self) {
            case "pin": digits = Array(pair.value)
            case "jeton": token = String(decoding: pair.value, as: UTF8.self)
            case "dernier": lastTry = pair.value.elementsEqual("oui".utf8)
            default: continue
            }
        }
        pin = try PIN(wiping: &digits)
        self.token = token
        allowLastTry = lastTry
    }
}
