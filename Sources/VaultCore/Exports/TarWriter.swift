import Foundation

/// Writes a POSIX ustar archive (IEEE 1003.1) to an export's content: each entry a 512-byte
/// header, the bytes, zero padding to the next 512; two zero blocks at the end. Entries are
/// owner-only regular files with the archive's one modification time, so the same entries
/// always make the same bytes.
struct TarWriter {
    let sink: ExportContentSink
    let modificationTime: Date

    /// The largest entry ustar's 11 octal digits can describe.
    static let maximumSize: Int64 = 0o77777777777

    /// Adds an entry of exactly `size` bytes, which `body` writes through the closure it is given.
    func addFile(named name: String, size: Int64, writing body: ((Data) throws -> Void) throws -> Void) throws {
        guard size <= Self.maximumSize else { throw ExportError.recordTooLarge(recordID: name) }
        try sink.write(header(name: name, size: size))
        var written: Int64 = 0
        try body { data in
            written += Int64(data.count)
            guard written <= size else { throw ExportError.contentChanged }
            try sink.write(data)
        }
        guard written == size else { throw ExportError.contentChanged }
        try pad(size)
    }

    /// Adds an entry holding `contents`.
    func addFile(named name: String, contents: [UInt8]) throws {
        try sink.write(header(name: name, size: Int64(contents.count)))
        try sink.write(contents)
        try pad(Int64(contents.count))
    }

    /// Ends the archive.
    func finish() throws {
        try sink.write([UInt8](repeating: 0, count: 1024))
    }

    private func pad(_ size: Int64) throws {
        let remainder = Int(size % 512)
        if remainder != 0 { try sink.write([UInt8](repeating: 0, count: 512 - remainder)) }
    }

    private func header(name: String, size: Int64) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            let bytes = Array(text.utf8.prefix(width))
            block.replaceSubrange(offset..<offset + bytes.count, with: bytes)
        }
        func octal(_ value: Int64, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        }
        precondition(name.utf8.count <= 100, "tar entry names are generated short")
        put(name, at: 0, width: 100)
        put(octal(0o600, width: 8), at: 100, width: 8)
        put(octal(0, width: 8), at: 108, width: 8)
        put(octal(0, width: 8), at: 116, width: 8)
        put(octal(size, width: 12), at: 124, width: 12)
        put(octal(Int64(modificationTime.timeIntervalSince1970.rounded(.down)), width: 12), at: 136, width: 12)
        put("        ", at: 148, width: 8)
        put("0", at: 156, width: 1)
        put("ustar\u{0}00", at: 257, width: 8)
        let checksum = block.reduce(0) { $0 + Int64($1) }
        put(octal(checksum, width: 7) + "\u{0} ", at: 148, width: 8)
        return block
    }
}
