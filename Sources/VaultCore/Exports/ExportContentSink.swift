import Foundation

/// Where an export's inner content is written, on either pass: it checks before every write
/// that the card session still stands (a pulled card stops the export there), counts the
/// bytes, and hands the content on in pieces of at most 64 KiB.
final class ExportContentSink {
    let pass: ExportPass
    private(set) var byteCount: Int64 = 0
    private var pending: [UInt8] = []
    private let session: VaultSession
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    static let pieceSize = 64 * 1024

    init(pass: ExportPass, session: VaultSession, emit: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.pass = pass
        self.session = session
        self.emit = emit
    }

    /// Adds `bytes` to the content; throws `VaultError.sessionEnded` once the card has gone.
    func write(_ bytes: some Collection<UInt8>) throws {
        guard session.isOpen else { throw VaultError.sessionEnded }
        byteCount += Int64(bytes.count)
        pending.append(contentsOf: bytes)
        while pending.count >= Self.pieceSize {
            try pending.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0.prefix(Self.pieceSize))) }
            pending.removeFirst(Self.pieceSize)
        }
    }

    /// Hands on what is still pending; called once, at the end of the content.
    func finish() throws {
        guard session.isOpen else { throw VaultError.sessionEnded }
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try emit($0) }
        pending.removeAll()
    }
}
