import Foundation
import Testing
@_spi(SecretBytesAccess) import VaultCrypto

/// Where secret bytes live: pages the kernel leaves out of core files and keeps out of swap.
@Suite struct SecretPagesTests {
    /// The kernel's flags (`VmFlags` of /proc/self/smaps) of the mapping holding `address`.
    private func mappingFlags(of address: UInt) throws -> [Substring] {
        // Read to its end: /proc files report no size.
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/smaps"))
        let smaps = String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
        var inside = false
        for line in smaps.split(separator: "\n") {
            if let dash = line.firstIndex(of: "-"), let space = line.firstIndex(of: " "), dash < space,
               let start = UInt(line[..<dash], radix: 16), let end = UInt(line[line.index(after: dash)..<space], radix: 16) {
                inside = (start..<end).contains(address)
            } else if inside, line.hasPrefix("VmFlags:") {
                return line.dropFirst("VmFlags:".count).split(separator: " ")
            }
        }
        throw CocoaError(.fileReadCorruptFile)
    }

    @Test("small and large secrets are in pages left out of core files and locked in memory", arguments: [1, 32, 33, 4096, 4097, 100_000])
    func pagesAreProtected(count: Int) throws {
        let secret = try SecretBytes(randomCount: count)
        let address = secret.withUnsafeBytes { UInt(bitPattern: $0.baseAddress!) }
        let flags = try mappingFlags(of: address)
        #expect(flags.contains("dd"), "\(flags)")
        #expect(flags.contains("lo") || getuid() != 0, "\(flags)")
    }

    @Test("a freed secret's slot is wiped and reused for the next secret of its size")
    func slotsAreWipedAndReused() throws {
        var address: UInt = 0
        do {
            let first = SecretBytes(copying: [UInt8](repeating: 0xAB, count: 32))
            address = first.withUnsafeBytes { UInt(bitPattern: $0.baseAddress!) }
        }
        let second = SecretBytes(count: 32)
        #expect(second.withUnsafeBytes { UInt(bitPattern: $0.baseAddress!) } == address)
        #expect(second.withUnsafeBytes { $0.allSatisfy { $0 == 0 } })
    }
}
