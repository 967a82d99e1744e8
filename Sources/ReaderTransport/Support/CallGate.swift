import Synchronization

/// Tracks calls inside a transport so `close()` from another thread can wait for them to
/// leave before the descriptor or handle is released. Without it a descriptor number could be
/// closed, reused by an unrelated open, and then polled by a read still in progress.
/// Reads wait in slices of at most 100 ms, so the wait is short.
final class CallGate: Sendable {
    private let state = Mutex<(closed: Bool, busy: Int)>((false, 0))

    var isClosed: Bool { state.withLock { $0.closed } }

    /// False once closed: the caller must not touch the resource.
    func enter() -> Bool {
        state.withLock { s in
            if s.closed { return false }
            s.busy += 1
            return true
        }
    }

    func leave() { state.withLock { $0.busy -= 1 } }

    /// Marks the gate closed and waits (at most `limit`) for calls in progress to leave.
    /// Returns true only for the first caller, who then releases the resource.
    func close(waitingAtMost limit: Duration = .seconds(2)) -> Bool {
        let first = state.withLock { s in
            defer { s.closed = true }
            return !s.closed
        }
        guard first else { return false }
        let end = ContinuousClock.now + limit
        while state.withLock({ $0.busy }) > 0, ContinuousClock.now < end {
            Deadline.sleep(until: .now + .milliseconds(2))
        }
        return true
    }
}
