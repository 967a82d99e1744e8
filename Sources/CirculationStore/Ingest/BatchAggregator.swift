import CirculationLog

/// Sums one batch of events in memory: hourly counters, per-item counts by month, and the
/// events themselves only when the site keeps raw events. A store's `commit` adds the sums;
/// the batch holds plain values, so any store (SQLite today, PostgreSQL later) can write them
/// its own way, and nothing here knows a query language.
public struct BatchAggregator: Sendable {
    /// The dimensions of one hourly counter.
    public struct CounterKey: Hashable, Sendable {
        public var day: String
        public var hour: Int
        public var action: CirculationAction
        public var branch: String
        public var location: String
        public var mediaType: String
        public var collection: String
        public var source: TransactionSource

        public init(
            day: String, hour: Int, action: CirculationAction, branch: String, location: String, mediaType: String,
            collection: String, source: TransactionSource
        ) {
            self.day = day
            self.hour = hour
            self.action = action
            self.branch = branch
            self.location = location
            self.mediaType = mediaType
            self.collection = collection
            self.source = source
        }

        public init(_ event: CirculationEvent) {
            self.init(
                day: event.day, hour: event.hour, action: event.action, branch: event.branch, location: event.location,
                mediaType: event.mediaType, collection: event.collection, source: event.source)
        }
    }

    /// A counter's key with its hash, which `ParseAhead`'s threads work out beside the parse:
    /// hashing eight fields (five strings) with SipHash was most of the counting thread's
    /// dictionary time, and now the table hashes one word. Equal keys have equal hashes (both
    /// are `CounterKey.mixedHash`, seeded once per process).
    struct HashedKey: Hashable {
        let key: CounterKey
        let hash: Int

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
        static func == (a: HashedKey, b: HashedKey) -> Bool { a.hash == b.hash && a.key == b.key }
    }

    /// Transactions per counter.
    private var counters: [HashedKey: Int] = [:]
    /// Per-item counts of the month the log is in now. Logs run in time order, so nearly every
    /// event lands here and only the item is hashed; other months wait in `earlierMonths`.
    private var currentMonth = ""
    private var currentItems = ItemTally()
    private var earlierMonths: [String: ItemTally] = [:]
    /// The last day seen and its month, so that "YYYY-MM" is cut from a day once per day.
    private var lastDay = ""
    /// The de-identified events, in log order; empty unless `keepRawEvents`.
    public private(set) var rawEvents: [CirculationEvent] = []
    public private(set) var eventCount = 0
    public let keepRawEvents: Bool

    /// `expected` sizes, from the batch before, spare the tables their growing steps.
    public init(keepRawEvents: Bool, expectedCounters: Int = 0, expectedItems: Int = 0) {
        self.keepRawEvents = keepRawEvents
        counters.reserveCapacity(expectedCounters)
        currentItems = ItemTally(capacity: expectedItems)
    }

    /// Adds one transaction; `keepRaw` false keeps it out of the raw events even when the site
    /// keeps them (it is older than their retention).
    /// `counterHash`, when given, is `CounterKey(event).mixedHash`, worked out elsewhere.
    public mutating func add(_ event: CirculationEvent, keepRaw: Bool = true, counterHash: Int? = nil) {
        let key = CounterKey(
            day: event.day, hour: event.hour, action: event.action, branch: event.branch, location: event.location,
            mediaType: event.mediaType, collection: event.collection, source: event.source)
        counters[HashedKey(key: key, hash: counterHash ?? key.mixedHash), default: 0] += 1
        if !event.item.isEmpty {
            if event.day != lastDay {
                lastDay = event.day
                let month = event.month
                if month != currentMonth { switchMonth(to: month) }
            }
            currentItems.add(event.item)
        }
        if keepRawEvents && keepRaw { rawEvents.append(event) }
        eventCount += 1
    }

    private mutating func switchMonth(to month: String) {
        currentItems.flush()
        if !currentItems.isEmpty { earlierMonths[currentMonth] = currentItems }
        currentMonth = month
        currentItems = earlierMonths.removeValue(forKey: month) ?? ItemTally()
    }

    /// Places the items still pending in the current month's tally: a batch is complete after
    /// this, and is cheap to read (a tally with pending items copies itself to be read).
    public mutating func finish() {
        currentItems.flush()
    }

    /// Distinct hourly counters.
    public var counterCount: Int { counters.count }

    /// Calls `body` with every hourly counter and its count, in no particular order.
    public func forEachCounter(_ body: (CounterKey, Int) throws -> Void) rethrows {
        for (hashed, count) in counters { try body(hashed.key, count) }
    }

    /// Per-item tallies by month, in month order.
    var itemTalliesByMonth: [(month: String, items: ItemTally)] {
        var months = earlierMonths
        if !currentItems.isEmpty { months[currentMonth] = currentItems }
        return months.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// True when the batch holds at least one per-item count.
    public var hasItemCounts: Bool { !currentItems.isEmpty || !earlierMonths.isEmpty }

    /// Calls `body` with every per-item count: month ("YYYY-MM"), the item's UTF-8 bytes (valid
    /// during the call only) and its count. Months come in order, and within a month the items
    /// in byte order as far as the tally keeps them so (the short ones), which is a table's key
    /// order: a store's inserts then walk its index forwards instead of jumping around.
    public func forEachItemCount(
        _ body: (_ month: String, _ item: UnsafeRawBufferPointer, _ count: Int) throws -> Void
    ) rethrows {
        for (month, items) in itemTalliesByMonth {
            try items.forEach { item, count in try body(month, item, count) }
        }
    }

    /// Distinct counters and items held: what the batch's memory grows with.
    var distinctKeys: Int {
        counters.count + currentItems.placedCount + earlierMonths.values.reduce(0) { $0 + $1.placedCount }
    }
}
