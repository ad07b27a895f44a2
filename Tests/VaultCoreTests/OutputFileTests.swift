import Foundation
import Testing
import VaultCore

/// `--output` files: whole or absent, never over an existing file unless asked, never through a
/// link, devices written in place.
@Suite("Output files")
final class OutputFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    private func write(_ text: String, to path: String, replacing: Bool = false) throws {
        try OutputFile(path: path, replacing: replacing, content: .record).write { try $0.write(contentsOf: Data(text.utf8)) }
    }

    private func contents(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test("a new file appears owner-only with the whole content")
    func newFile() throws {
        let path = folder.appendingPathComponent("out.txt").path
        try write("record", to: path)
        #expect(try contents(path) == "record")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }

    @Test("an existing file is left alone without --force and replaced with it")
    func existingFile() throws {
        let path = folder.appendingPathComponent("out.txt").path
        try Data("before".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ExportError.outputExists(content: .record, path: path)) { try write("after", to: path) }
        #expect(error?.description.contains("The record was not written") == true && error?.description.contains("--force") == true)
        #expect(try contents(path) == "before")
        try write("after", to: path, replacing: true)
        #expect(try contents(path) == "after")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
    }

    @Test("a symbolic link is replaced as a name, never followed to the file it points to")
    func symbolicLink() throws {
        let outside = folder.appendingPathComponent("outside.txt").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: outside))
        let link = folder.appendingPathComponent("link.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: outside)
        #expect(throws: ExportError.outputExists(content: .record, path: link)) { try write("record", to: link) }
        try write("record", to: link, replacing: true)
        #expect(try contents(outside) == "keep me")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == nil)
        #expect(try contents(link) == "record")
    }

    @Test("a folder is refused, even with --force")
    func folderRefused() throws {
        let error = #expect(throws: ExportError.self) { try write("record", to: folder.path, replacing: true) }
        #expect(error == .outputRefused(content: .record, path: folder.path, kind: "a folder"))
    }

    @Test("a character device is written in place: /dev/null takes it, /dev/full says it is full")
    func devices() throws {
        try write("record", to: "/dev/null")
        #expect(FileManager.default.fileExists(atPath: "/dev/null"))
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        let error = #expect(throws: ExportError.self) { try write(String(repeating: "x", count: 70_000), to: "/dev/full") }
        guard case .outputFailed(.record, "/dev/full", let reason)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(reason.contains("No space left"))
        #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }
}
