/// A benchmark that cannot run its step (a child process that does not start).
struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
