/// Times `body` over `iterations` calls, repeated `rounds` times, and keeps the fastest round:
/// on a shared machine the minimum is the figure least disturbed by other work.
func nanosecondsPerOperation(iterations: Int, rounds: Int = 7, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<rounds {
        let elapsed = clock.measure {
            for _ in 0..<iterations { body() }
        }
        let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        best = min(best, ns / Double(iterations))
    }
    return best
}

/// Keeps the optimizer from deleting work whose result is otherwise unused.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

func row(_ name: String, _ ns: Double, baseline: Double, target: String = "") -> String {
    let nameColumn = name.padding(toLength: 34, withPad: " ", startingAt: 0)
    let value = String(format: "%9.1f ns/op", ns)
    let ratio = String(format: "%7.2fx baseline", ns / baseline)
    return "\(nameColumn)\(value)  \(ratio)  \(target)"
}
