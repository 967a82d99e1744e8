/// A finite run, for the quick start and tests (`rfid-gated --rounds N` / `--for DURATION`):
/// a gate stops after this many inventory rounds or this long, whichever comes first. A
/// service runs without one.
public struct RunLimit: Sendable, Equatable {
    public var rounds: Int?
    public var duration: Duration?

    public init(rounds: Int? = nil, duration: Duration? = nil) {
        self.rounds = rounds
        self.duration = duration
    }

    public static let unlimited = RunLimit()

    func reached(rounds done: Int, elapsed: Duration) -> Bool {
        if let rounds, done >= rounds { return true }
        if let duration, elapsed >= duration { return true }
        return false
    }
}
