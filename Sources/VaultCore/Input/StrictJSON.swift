import Foundation

/// A JSON object read from outside (an identity, a study definition) as strictly as a person's
/// mistake or an attacker's trick requires: bounded in size, an object at the top, and no key
/// twice in any object (where parsers disagree on which value wins).
enum StrictJSON {
    /// The object in `data`, or the reason it is refused, given to `refusal` to make the caller's error.
    static func object<Failure: Error>(_ data: Data, maximumBytes: Int,
                                       refusal: (String) -> Failure) throws(Failure) -> [String: Any] {
        guard data.count <= maximumBytes else { throw refusal("it is larger than \(maximumBytes) bytes") }
        guard let parsed = try? JSONSerialization.jsonObject(with: data) else { throw refusal("it is not valid JSON") }
        guard let object = parsed as? [String: Any] else { throw refusal("it is not a JSON object") }
        if let duplicate = firstDuplicateKey(in: Array(data)) { throw refusal("the key \"\(duplicate)\" appears twice") }
        return object
    }

    /// Refuses a key of `object` that is not one of `known`, naming the closest known one.
    static func refuseUnknownKeys<Failure: Error>(of object: [String: Any], known: [String],
                                                  refusal: (String) -> Failure) throws(Failure) {
        for key in object.keys.sorted() where !known.contains(key) {
            throw refusal("\"\(key)\" is not a known key (did you mean \"\(ClosestName.to(key, among: known) ?? "")\"?)")
        }
    }

    /// The first key that appears twice in one object of `bytes`, which must be valid JSON.
    private static func firstDuplicateKey(in bytes: [UInt8]) -> String? {
        // Each open container: the keys of an object seen so far, and whether a key comes next.
        var open: [(keys: Set<String>, isObject: Bool, expectsKey: Bool)] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): open.append(([], true, true))
            case UInt8(ascii: "["): open.append(([], false, false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): open.removeLast()
            case UInt8(ascii: ","): if open.last?.isObject == true { open[open.count - 1].expectsKey = true }
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while bytes[index] != UInt8(ascii: "\"") { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
                guard let last = open.last, last.isObject, last.expectsKey else { break }
                let key = (try? JSONSerialization.jsonObject(with: Data(bytes[start...index]), options: .fragmentsAllowed)) as? String ?? ""
                if last.keys.contains(key) { return key }
                open[open.count - 1].keys.insert(key)
                open[open.count - 1].expectsKey = false
            default: break
            }
            index += 1
        }
        return nil
    }
}
