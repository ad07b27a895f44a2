/// A benchmark that cannot run or whose work went wrong, saying why.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
