import CPCSCLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The readers one `SCardGetStatusChange` loop watches: the C array pcsc-lite reads and updates,
/// and the C strings it points to.
///
/// Each call reports the readers against what the previous call saw, so pcsc-lite returns as
/// soon as anything differs, including a card removed and reinserted in between (the event
/// counter in the high 16 bits of the state). Used from one thread at a time.
final class ReaderStateSet {
    /// What one reader looked like after the last update.
    struct Reading {
        var state: ReaderState
        /// pcsc-lite's count of card insertions and removals in this reader, modulo 2^16.
        var eventCount: UInt16
        /// pcscd knows no reader by this name (any more).
        var isUnknown: Bool
    }

    /// The longest single wait, so that a cancellation pcsc-lite missed (`SCardCancel` only
    /// reaches a call already blocked in pcscd) is still seen promptly.
    static let slice: Duration = .seconds(1)

    /// The pseudo-reader whose state changes when readers are added or removed.
    private static let plugAndPlayReader = "\\\\?PnP?\\Notification"

    private var entries: [SCARD_READERSTATE]
    private let cNames: [UnsafeMutablePointer<CChar>]

    /// Watches `readers`, and the appearance and disappearance of readers when `watchingReaderList`.
    /// The first update reports every reader as it is.
    init(readers: [String], watchingReaderList: Bool) {
        let names = readers + (watchingReaderList ? [Self.plugAndPlayReader] : [])
        cNames = names.map { strdup($0) }
        entries = cNames.map { name in
            var entry = SCARD_READERSTATE()
            entry.szReader = UnsafePointer(name)
            entry.dwCurrentState = DWORD(SCARD_STATE_UNAWARE)
            return entry
        }
    }

    deinit {
        cNames.forEach { free($0) }
    }

    /// Waits on `context` up to `limit` (at most `slice`) for a reader to differ from the last
    /// update and returns pcsc-lite's return code; on success or timeout `readings` are current.
    func update(on context: ContextHandle, waitingAtMost limit: Duration) -> LONG {
        for index in entries.indices {
            entries[index].dwCurrentState = entries[index].dwEventState & ~DWORD(SCARD_STATE_CHANGED)
        }
        let wait = max(.zero, min(limit, Self.slice)).components
        let milliseconds = DWORD(wait.seconds * 1000 + wait.attoseconds / 1_000_000_000_000_000)
        return SCardGetStatusChange(context.raw, milliseconds, &entries, DWORD(entries.count))
    }

    /// Each watched reader, the pseudo-reader excluded, as the last update left it.
    var readings: [Reading] {
        zip(cNames, entries).compactMap { cName, entry in
            let name = String(cString: cName)
            guard name != Self.plugAndPlayReader else { return nil }
            let flags = entry.dwEventState
            let present = flags & DWORD(SCARD_STATE_PRESENT) != 0
            let atr = withUnsafeBytes(of: entry.rgbAtr) { Array($0.prefix(Int(entry.cbAtr))) }
            let state = ReaderState(
                name: name,
                isCardPresent: present,
                atr: present ? atr : [],
                isExclusive: flags & DWORD(SCARD_STATE_EXCLUSIVE) != 0,
                isMute: flags & DWORD(SCARD_STATE_MUTE) != 0)
            return Reading(
                state: state,
                eventCount: UInt16(truncatingIfNeeded: flags >> 16),
                isUnknown: flags & DWORD(SCARD_STATE_UNKNOWN) != 0)
        }
    }
}
