/// How long a gate waits before opening its reader again: short at first (a USB reader
/// re-enumerates in a second), doubling to a ceiling, back to the start once a round succeeds.
/// A gate never gives up: an unplugged reader is plugged back in. The ceiling is low (1 s)
/// because a try costs only an open(2) of a missing port, while every second without a reader
/// is a second in which items walk out unnoticed.
public struct ReconnectBackoff: Sendable, Equatable {
    public let first: Duration
    public let ceiling: Duration
    public private(set) var next: Duration

    public init(first: Duration = .milliseconds(250), ceiling: Duration = .seconds(1)) {
        self.first = first
        self.ceiling = max(first, ceiling)
        self.next = first
    }

    /// The wait before the next attempt; each failure doubles the one after it.
    public mutating func failed() -> Duration {
        defer { next = min(ceiling, next * 2) }
        return next
    }

    public mutating func succeeded() { next = first }
}
