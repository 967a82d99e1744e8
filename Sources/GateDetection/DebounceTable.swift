import ReaderCore

/// When each item (per antenna lane) last alarmed, so it alarms again only after the window.
/// The detector belongs to one gate and one reader, so those two parts of the key are fixed
/// for the whole table; the lane is the antenna, except that a two-antenna passage is one lane
/// (an item walking from the inside antenna to the outside one is one pass, one alarm). In EAS
/// mode there is no UID, so the lane alone is the key.
struct DebounceTable: Sendable {
    struct Key: Hashable, Sendable {
        var lane: Int
        var uid: TagUID?
    }

    private var lastAlarm: [Key: Duration] = [:]
    private var lastSweep: Duration = .zero
    let window: Duration

    init(window: Duration) { self.window = window }

    var count: Int { lastAlarm.count }

    /// True when `key` may alarm at `now`, and records that it did. A suppressed sighting does
    /// not restart the window, so an item that stays in the field alarms once per window.
    mutating func admit(_ key: Key, at now: Duration) -> Bool {
        sweep(now)
        if let last = lastAlarm[key], now - last < window { return false }
        lastAlarm[key] = now
        return true
    }

    /// Forgets alarms older than the window, at most once per window, so the table holds only
    /// the items of the last few seconds however long the daemon runs.
    private mutating func sweep(_ now: Duration) {
        guard now - lastSweep >= window else { return }
        lastSweep = now
        let window = self.window
        lastAlarm = lastAlarm.filter { now - $0.value < window }
    }
}
