import Foundation

/// What every fuzz target shares: turning libFuzzer's buffer into bytes, and writing the target's
/// seed corpus when started as `fuzz-X -write_seeds=DIR` (Scripts/fuzz does this before fuzzing).
public enum FuzzEntry {
    /// The bytes of one libFuzzer input.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Handles `-write_seeds=DIR` from `LLVMFuzzerInitialize`: writes each seed to DIR as
    /// `seed-N` and exits; any other command line is left to libFuzzer.
    public static func writeSeedsIfAsked(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        seeds: () throws -> [[UInt8]]
    ) {
        let flag = "-write_seeds="
        let arguments = (0..<Int(argc.pointee)).compactMap { index in argv.pointee?[index].map { String(cString: $0) } }
        guard let argument = arguments.first(where: { $0.hasPrefix(flag) }) else { return }
        let folder = URL(fileURLWithPath: String(argument.dropFirst(flag.count)))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let all = try seeds()
            for (index, seed) in all.enumerated() {
                try Data(seed).write(to: folder.appendingPathComponent(String(format: "seed-%03d", index)))
            }
            print("wrote \(all.count) seeds to \(folder.path)")
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("cannot write seeds to \(folder.path): \(error)\n".utf8))
            exit(2)
        }
    }
}
