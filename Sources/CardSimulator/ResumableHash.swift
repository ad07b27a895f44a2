/// SHA-1 and SHA-256 (FIPS 180-4) that can start from an intermediate state, as the card finishes a hash
/// the host began: PSO HASH in its IAS-ECC form hands the card the state words after the whole 64-byte
/// blocks the host hashed, the number of bits hashed so far, and the last bytes of the message.
struct ResumableHash {
    enum Function {
        case sha1, sha256

        var stateWordCount: Int { self == .sha1 ? 5 : 8 }

        var initialState: [UInt32] {
            switch self {
            case .sha1: [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
            case .sha256: [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19]
            }
        }
    }

    let function: Function
    private var state: [UInt32]
    private var bitsHashed: UInt64

    /// A hash at its start.
    init(_ function: Function) {
        self.function = function
        state = function.initialState
        bitsHashed = 0
    }

    /// A hash resumed from big-endian state words followed by the 8-byte big-endian count of bits hashed;
    /// nil when the lengths do not fit or the count is not a whole number of 64-byte blocks.
    init?(_ function: Function, resumingFrom bytes: [UInt8]) {
        let wordBytes = function.stateWordCount * 4
        guard bytes.count == wordBytes + 8 else { return nil }
        let count = bytes[wordBytes...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard count % 512 == 0 else { return nil }
        self.function = function
        state = stride(from: 0, to: wordBytes, by: 4).map { index in
            bytes[index..<index + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        bitsHashed = count
    }

    /// Hashes whole 64-byte blocks, as the host does before handing the rest to the card; nil when
    /// `blocks` is not a whole number of blocks.
    func absorbing(_ blocks: [UInt8]) -> ResumableHash? {
        guard blocks.count % 64 == 0 else { return nil }
        var copy = self
        for start in stride(from: 0, to: blocks.count, by: 64) {
            copy.compress(Array(blocks[start..<start + 64]))
        }
        copy.bitsHashed &+= UInt64(blocks.count) * 8
        return copy
    }

    /// The state as PSO HASH carries it: big-endian state words, then the 8-byte big-endian bit count.
    var resumptionBytes: [UInt8] {
        Self.bigEndian(state) + (0..<8).reversed().map { UInt8(truncatingIfNeeded: bitsHashed >> (8 * UInt64($0))) }
    }

    /// The digest of what was hashed before, followed by `last`.
    func finishing(_ last: [UInt8]) -> [UInt8] {
        var copy = self
        let totalBits = bitsHashed &+ UInt64(last.count) * 8
        var tail = last + [0x80]
        while tail.count % 64 != 56 { tail.append(0) }
        tail += (0..<8).reversed().map { UInt8(truncatingIfNeeded: totalBits >> (8 * UInt64($0))) }
        for start in stride(from: 0, to: tail.count, by: 64) {
            copy.compress(Array(tail[start..<start + 64]))
        }
        return Self.bigEndian(copy.state)
    }

    private static func bigEndian(_ words: [UInt32]) -> [UInt8] {
        words.flatMap { word in (0..<4).reversed().map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) } }
    }

    private mutating func compress(_ block: [UInt8]) {
        var words = stride(from: 0, to: 64, by: 4).map { index in
            block[index..<index + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        switch function {
        case .sha1: compressSHA1(&words)
        case .sha256: compressSHA256(&words)
        }
    }

    private mutating func compressSHA1(_ words: inout [UInt32]) {
        for t in 16..<80 {
            words.append((words[t - 3] ^ words[t - 8] ^ words[t - 14] ^ words[t - 16]).rotatedLeft(1))
        }
        var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
        for t in 0..<80 {
            let (f, k): (UInt32, UInt32) = switch t {
            case 0..<20: ((b & c) | (~b & d), 0x5A827999)
            case 20..<40: (b ^ c ^ d, 0x6ED9EBA1)
            case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1BBCDC)
            default: (b ^ c ^ d, 0xCA62C1D6)
            }
            let next = a.rotatedLeft(5) &+ f &+ e &+ k &+ words[t]
            (e, d, c, b, a) = (d, c, b.rotatedLeft(30), a, next)
        }
        for (index, value) in [a, b, c, d, e].enumerated() { state[index] &+= value }
    }

    private mutating func compressSHA256(_ words: inout [UInt32]) {
        for t in 16..<64 {
            let s0 = words[t - 15].rotatedRight(7) ^ words[t - 15].rotatedRight(18) ^ (words[t - 15] >> 3)
            let s1 = words[t - 2].rotatedRight(17) ^ words[t - 2].rotatedRight(19) ^ (words[t - 2] >> 10)
            words.append(words[t - 16] &+ s0 &+ words[t - 7] &+ s1)
        }
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        for t in 0..<64 {
            let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
            let choice = (e & f) ^ (~e & g)
            let temp1 = h &+ s1 &+ choice &+ Self.sha256Constants[t] &+ words[t]
            let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ s0 &+ majority)
        }
        for (index, value) in [a, b, c, d, e, f, g, h].enumerated() { state[index] &+= value }
    }

    private static let sha256Constants: [UInt32] = [
        0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4, 0xAB1C5ED5,
        0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE, 0x9BDC06A7, 0xC19BF174,
        0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F, 0x4A7484AA, 0x5CB0A9DC, 0x76F988DA,
        0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7, 0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967,
        0x27B70A85, 0x2E1B2138, 0x4D2C6DFC, 0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85,
        0xA2BFE8A1, 0xA81A664B, 0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070,
        0x19A4C116, 0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
        0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7, 0xC67178F2,
    ]
}

extension UInt32 {
    fileprivate func rotatedLeft(_ count: UInt32) -> UInt32 { self << count | self >> (32 - count) }
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 { self >> count | self << (32 - count) }
}
