/// How hard a driver tries before giving up. Bounded by construction: every attempt has its own
/// deadline, so the worst case of one operation is `attempts * timeout`, plus at most one
/// `settle` window per reply still owed from an earlier operation (see `ReplyLedger`).
public struct RetryPolicy: Sendable, Equatable {
    public var attempts: Int
    public var timeout: Duration
    /// How long the line must carry no reply before replies still owed from an earlier request
    /// are given up as lost. Twice the timeout by default: a reader late enough to miss one
    /// deadline is usually answering within the next.
    public var settle: Duration

    public init(attempts: Int = 3, timeout: Duration = .milliseconds(800), settle: Duration? = nil) {
        self.attempts = max(1, attempts)
        self.timeout = timeout
        self.settle = settle ?? timeout * 2
    }

    /// "3 attempts of 0.8 seconds each", "1 attempt of 1.0 seconds": for timeout messages.
    public var attemptsDescription: String {
        attempts == 1 ? "1 attempt of \(timeout)" : "\(attempts) attempts of \(timeout) each"
    }
}
