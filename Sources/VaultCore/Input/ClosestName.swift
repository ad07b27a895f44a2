/// The known name nearest to a misspelt one, for messages that refuse an unknown key and say
/// which was probably meant ("unknown key "trustAnchor"; did you mean "trustAnchors"?").
public enum ClosestName {
    /// The name of `known` with the fewest single-character edits from `name`, compared without
    /// case; nil when `known` is empty.
    public static func to(_ name: String, among known: [String]) -> String? {
        known.min { distance(name, $0) < distance(name, $1) }
    }

    /// The Levenshtein distance between `first` and `second`, compared without case.
    static func distance(_ first: String, _ second: String) -> Int {
        let a = Array(first.lowercased()), b = Array(second.lowercased())
        var previous = Array(0...b.count)
        for (i, character) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for j in b.indices {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (character == b[j] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
