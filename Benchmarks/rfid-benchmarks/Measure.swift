import Foundation
/// Times `body` over `iterations` calls, repeated `rounds` times, and keeps the fastest round.
/// Time is the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID), not wall time: on a shared
/// 2-core machine, wall time mostly measures how long other processes held the CPU. The minimum
/// round is the figure least disturbed by cache pollution from other work.
func nanosecondsPerOperation(iterations: Int, rounds: Int = 7, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = threadCPUNanoseconds()
        for _ in 0..<iterations { body() }
        let elapsed = threadCPUNanoseconds() - start
        best = min(best, Double(elapsed) / Double(iterations))
    }
    return best
}

func threadCPUNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Keeps the optimizer from deleting work whose result is otherwise unused.
@inline(never) @_optimize(none)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

func row(_ name: String, _ ns: Double, baseline: Double, target: String = "") -> String {
    let nameColumn = name.padding(toLength: 34, withPad: " ", startingAt: 0)
    let value = String(format: "%9.1f ns/op", ns)
    let ratio = String(format: "%7.2fx baseline", ns / baseline)
    return "\(nameColumn)\(value)  \(ratio)  \(target)"
}

/// Hides a value's origin from the optimizer so loop-invariant work is not hoisted out.
@inline(never) @_optimize(none)
func opaque<T>(_ value: T) -> T { value }
