#if canImport(Glibc)
    import Glibc
#endif

/// Deadline arithmetic shared by the file-descriptor transports. Waits are sliced (at most
/// `slice` per poll) so a transport closed from another thread is noticed promptly.
enum Deadline {
    /// Milliseconds left until `deadline`, clamped to 0...slice; 0 means "already passed".
    static func pollMilliseconds(until deadline: ContinuousClock.Instant, slice: Int32 = 100) -> Int32 {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return 0 }
        let (s, atto) = left.components
        let ms = s * 1000 + (atto + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(Int64(slice), max(1, ms)))
    }

    static func hasPassed(_ deadline: ContinuousClock.Instant) -> Bool { ContinuousClock.now >= deadline }

    /// Sleeps until `instant` (no-op if it is in the past); used for inter-frame gaps.
    static func sleep(until instant: ContinuousClock.Instant) {
        let left = instant - ContinuousClock.now
        guard left > .zero else { return }
        let (s, atto) = left.components
        var request = timespec(tv_sec: Int(s), tv_nsec: Int(atto / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}

/// The text of the current `errno`, for error details ("Permission denied").
func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

/// Waits for `events` on `fd` until the deadline, checking `isClosed` and the call's
/// cancellation (`TransportCancellation`) between slices. Returns the `revents` seen, or nil
/// when the deadline passed first; throws `.cancelled` when the waiting task was cancelled.
func waitFor(
    _ events: Int32, on fd: Int32, until deadline: ContinuousClock.Instant, endpoint: String, isClosed: () -> Bool
) throws(TransportError) -> Int16? {
    while true {
        if isClosed() { return Int16(POLLNVAL) }
        try TransportCancellation.check(endpoint)
        let ms = Deadline.pollMilliseconds(until: deadline)
        var p = pollfd(fd: fd, events: Int16(events), revents: 0)
        let r = poll(&p, 1, ms)
        if r > 0 { return p.revents }
        if r < 0, errno != EINTR { return Int16(POLLERR) }
        if ms == 0 || Deadline.hasPassed(deadline) { return nil }
    }
}
