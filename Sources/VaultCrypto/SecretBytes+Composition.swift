/// What callers do with secret bytes besides lending them: take a part, join several, pad, each
/// into new secret storage, so the bytes never pass through an `Array` (which may reallocate and
/// leave an unwiped copy behind).
extension SecretBytes {
    /// The bytes in `range`, as secret bytes of their own. `range` must lie within `0..<count`.
    public func slice(_ range: Range<Int>) -> SecretBytes {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "a secret slice outside the secret")
        return SecretBytes(count: range.count) { target in
            withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[range]))
            }
        }
    }

    /// The first `count` bytes and the rest, as two secrets. `count` must be at most `self.count`.
    public func split(at index: Int) -> (SecretBytes, SecretBytes) {
        (slice(0..<index), slice(index..<count))
    }

    /// `parts` one after the other, as one secret.
    public convenience init(concatenating parts: [SecretBytes]) {
        self.init(count: parts.reduce(0) { $0 + $1.count }) { target in
            var offset = 0
            for part in parts {
                part.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: target[offset..<offset + source.count]).copyMemory(from: source)
                }
                offset += part.count
            }
        }
    }

    /// These bytes followed by `filler` up to `length` (unchanged when already that long or longer),
    /// as a new secret: a PIN padded to the length its card stores.
    public func padded(to length: Int, with filler: UInt8) -> SecretBytes {
        guard length > count else { return slice(0..<count) }
        return SecretBytes(count: length) { target in
            withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: target[0..<source.count]).copyMemory(from: source)
            }
            UnsafeMutableRawBufferPointer(rebasing: target[count..<length]).initializeMemory(as: UInt8.self, repeating: filler)
        }
    }
}
