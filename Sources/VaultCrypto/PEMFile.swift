import COpenSSL
import Foundation

/// Reading the PEM or DER files that keys, certificates and CRLs arrive in.
enum PEMFile {
    /// The bytes of the file at `path`; a missing file and an unreadable one throw different errors.
    /// Read straight into the returned array (no intermediate copies), so a caller holding a key
    /// file's contents can wipe every copy.
    static func contents(of path: String) throws(CryptoError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno
            if reason == ENOENT { throw .fileNotFound(path: path) }
            throw .fileUnreadable(path: path, reason: String(cString: strerror(reason)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])
                return read(descriptor, rest.baseAddress, rest.count)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                bytes.cleanse()
                throw .fileUnreadable(path: path, reason: count < 0 ? String(cString: strerror(errno)) : "the file shrank while being read")
            }
            filled += count
        }
        return bytes
    }

    /// Whether `bytes` look like PEM (text with a "-----BEGIN " line) rather than DER.
    static func isPEM(_ bytes: [UInt8]) -> Bool {
        let marker = Array("-----BEGIN ".utf8)
        return bytes.count >= marker.count
            && (0...(bytes.count - marker.count)).contains { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }
    }

    /// Lends `body` a read-only memory BIO over `bytes`, or returns nil if none could be made.
    static func withMemoryBIO<R>(_ bytes: [UInt8], _ body: (OpaquePointer) throws(CryptoError) -> R) throws(CryptoError) -> R? {
        try bytes.withBytes { (buffer) throws(CryptoError) -> R? in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return try body(bio)
        }
    }
}
