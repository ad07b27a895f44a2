import Foundation
import VaultCrypto
#if canImport(Glibc)
import Glibc
#endif

/// A card PIN: 4 to 8 ASCII digits held in a wiped buffer, never in a `String`, never printed.
public struct PIN: Sendable {
    let digits: SecretBytes

    /// Takes the digits from `bytes` (a trailing newline is dropped) and wipes `bytes`.
    public init(wiping bytes: inout [UInt8]) throws(CPSCardError) {
        defer { bytes.cleanse() }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let digits = bytes[..<end]
        guard (4...8).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw .malformedPIN
        }
        self.digits = SecretBytes(copying: digits)
    }

    /// True when both PINs have the same digits (compared in constant time).
    public func matches(_ other: PIN) -> Bool {
        digits.constantTimeEquals(other.digits)
    }

    /// Reads a PIN from an open file descriptor (a script's `--pin-fd N`): one line, at most 64 bytes.
    public static func read(fromFileDescriptor fd: Int32) throws(CPSCardError) -> PIN {
        var buffer = [UInt8](repeating: 0, count: 64)
        var count = 0
        while count < buffer.count {
            let got = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, 1) }
            if got < 0 { throw .pinUnreadable(reason: String(cString: strerror(errno))) }
            if got == 0 || buffer[count] == 0x0A { break }
            count += 1
        }
        var line = Array(buffer[..<count])
        buffer.cleanse()
        return try PIN(wiping: &line)
    }

    /// Asks for the PIN on the controlling terminal with echo turned off.
    public static func prompt(_ message: String) throws(CPSCardError) -> PIN {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else {
            throw .pinUnreadable(reason: "no terminal to ask on; give the PIN with --pin-fd N")
        }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { throw .pinUnreadable(reason: String(cString: strerror(errno))) }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(tty, TCSAFLUSH, &silent)
        defer {
            tcsetattr(tty, TCSAFLUSH, &saved)
            _ = Glibc.write(tty, "\n", 1)
        }
        _ = message.withCString { Glibc.write(tty, $0, strlen($0)) }
        return try read(fromFileDescriptor: tty)
    }
}
