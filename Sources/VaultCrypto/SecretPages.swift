#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Where `SecretBytes` keep their bytes: pages of their own, locked in memory (`mlock`, so never
/// written to swap) and left out of core files (`MADV_DONTDUMP`), never shared with the ordinary
/// heap. Small secrets share 64 KiB blocks cut into slots of one power-of-two size each, kept
/// for reuse once freed (wiped by their owner first); a secret of more than `largestSlot` bytes
/// gets pages of its own, unmapped when freed.
///
/// Locking is best effort: a process over its `RLIMIT_MEMLOCK` keeps the pages unlocked (still
/// out of core files) rather than fail.
final class SecretPages: Sendable {
    static let shared = SecretPages()

    static let smallestSlot = 32
    static let largestSlot = 4096
    private static let blockSize = 64 * 1024

    /// Free slot addresses by slot size.
    private let free = Mutex<[Int: [UInt]]>([:])

    /// `byteCount` bytes, 16-byte aligned, in secret pages.
    func allocate(byteCount: Int) -> UnsafeMutableRawBufferPointer {
        guard let size = Self.slotSize(for: byteCount) else {
            return UnsafeMutableRawBufferPointer(start: Self.map(byteCount), count: byteCount)
        }
        let address = free.withLock { free -> UInt in
            if free[size, default: []].isEmpty {
                let block = UInt(bitPattern: Self.map(Self.blockSize))
                free[size] = stride(from: 0, to: Self.blockSize, by: size).reversed().map { block + UInt($0) }
            }
            return free[size]!.removeLast()
        }
        return UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: address), count: byteCount)
    }

    /// Gives back what `allocate(byteCount:)` returned, once its owner has wiped it.
    func deallocate(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let start = buffer.baseAddress else { return }
        guard let size = Self.slotSize(for: buffer.count) else {
            munmap(start, Self.pageRounded(buffer.count))
            return
        }
        free.withLock { $0[size, default: []].append(UInt(bitPattern: start)) }
    }

    /// The slot size that holds `byteCount` bytes, or nil for a secret that gets pages of its own.
    static func slotSize(for byteCount: Int) -> Int? {
        guard byteCount <= largestSlot else { return nil }
        var size = smallestSlot
        while size < byteCount { size *= 2 }
        return size
    }

    /// Fresh private pages for at least `byteCount` bytes, locked and left out of core files.
    private static func map(_ byteCount: Int) -> UnsafeMutableRawPointer {
        let length = pageRounded(byteCount)
        guard let pages = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              pages != MAP_FAILED else {
            // As Swift's own allocator does when memory runs out: nothing sensible can follow.
            fatalError("no memory left for secret pages (\(length) bytes)")
        }
        _ = madvise(pages, length, MADV_DONTDUMP)
        _ = mlock(pages, length)
        return pages
    }

    private static func pageRounded(_ byteCount: Int) -> Int {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        return max(page, (byteCount + page - 1) / page * page)
    }
}
