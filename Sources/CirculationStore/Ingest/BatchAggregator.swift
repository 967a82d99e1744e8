import CirculationLog
import GRDB

/// Sums one batch of events in memory, then adds the sums to the store with prepared upserts.
/// Only sums reach the disk; the events themselves are dropped with the batch unless the site
/// keeps raw events.
public struct BatchAggregator: Sendable {
    struct CounterKey: Hashable, Sendable {
        var day: String
        var hour: Int
        var action: CirculationAction
        var branch: String
        var location: String
        var mediaType: String
        var collection: String
        var source: TransactionSource
    }

    private(set) var counters: [CounterKey: Int] = [:]
    /// Per-item counts of the month the log is in now. Logs run in time order, so nearly every
    /// event lands here and only the item is hashed; other months wait in `earlierMonths`.
    private var currentMonth = ""
    private var currentItems = ItemTally()
    private var earlierMonths: [String: ItemTally] = [:]
    /// The last day seen and its month, so that "YYYY-MM" is cut from a day once per day.
    private var lastDay = ""
    private(set) var rawEvents: [CirculationEvent] = []
    public private(set) var eventCount = 0
    public let keepRawEvents: Bool

    /// `expected` sizes, from the batch before, spare the tables their growing steps.
    public init(keepRawEvents: Bool, expectedCounters: Int = 0, expectedItems: Int = 0) {
        self.keepRawEvents = keepRawEvents
        counters.reserveCapacity(expectedCounters)
        currentItems = ItemTally(capacity: expectedItems)
    }

    public mutating func add(_ event: CirculationEvent) {
        let key = CounterKey(
            day: event.day, hour: event.hour, action: event.action, branch: event.branch, location: event.location,
            mediaType: event.mediaType, collection: event.collection, source: event.source)
        counters[key, default: 0] += 1
        if !event.item.isEmpty {
            if event.day != lastDay {
                lastDay = event.day
                let month = event.month
                if month != currentMonth { switchMonth(to: month) }
            }
            currentItems.add(event.item)
        }
        if keepRawEvents { rawEvents.append(event) }
        eventCount += 1
    }

    private mutating func switchMonth(to month: String) {
        if !currentItems.isEmpty { earlierMonths[currentMonth] = currentItems }
        currentMonth = month
        currentItems = earlierMonths.removeValue(forKey: month) ?? ItemTally()
    }

    /// Per-item tallies by month, in month order.
    var itemTalliesByMonth: [(month: String, items: ItemTally)] {
        var months = earlierMonths
        if !currentItems.isEmpty { months[currentMonth] = currentItems }
        return months.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Distinct counters and items held: what the batch's memory grows with.
    var distinctKeys: Int {
        counters.count + currentItems.count + earlierMonths.values.reduce(0) { $0 + $1.count }
    }

    /// Adds the batch's sums to the store inside the caller's transaction.
    func write(to db: Database) throws {
        if !counters.isEmpty {
            let upsert = try PreparedUpsert(
                db,
                sql: """
                    INSERT INTO hourly_counters
                        (day, hour, action, branch, location, media_type, collection, source, count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (day, hour, action, branch, location, media_type, collection, source)
                    DO UPDATE SET count = count + excluded.count
                    """)
            for (key, count) in counters {
                upsert.bindDimensions(key)
                upsert.bind(9, count)
                try upsert.run()
            }
        }
        if !currentItems.isEmpty || !earlierMonths.isEmpty {
            let upsert = try PreparedUpsert(
                db,
                sql: """
                    INSERT INTO item_monthly_counts (month, item, count) VALUES (?, ?, ?)
                    ON CONFLICT (month, item) DO UPDATE SET count = count + excluded.count
                    """)
            // Key order makes the inserts walk the B-tree forwards instead of jumping around.
            for (month, items) in itemTalliesByMonth {
                try items.forEach { item, count in
                    upsert.bind(1, month)
                    upsert.bind(2, utf8: item)
                    upsert.bind(3, count)
                    try upsert.run()
                }
            }
        }
        if !rawEvents.isEmpty {
            let insert = try PreparedUpsert(
                db,
                sql: """
                    INSERT INTO raw_events (day, hour, action, branch, location, media_type, collection, source, item)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for e in rawEvents {
                insert.bindDimensions(
                    CounterKey(
                        day: e.day, hour: e.hour, action: e.action, branch: e.branch, location: e.location,
                        mediaType: e.mediaType, collection: e.collection, source: e.source))
                insert.bind(9, e.item)
                try insert.run()
            }
        }
    }
}

extension PreparedUpsert {
    /// Binds a counter's dimensions as parameters 1-8, in the column order both the counter
    /// and the raw-event statements list them.
    func bindDimensions(_ key: BatchAggregator.CounterKey) {
        bind(1, key.day)
        bind(2, key.hour)
        bind(3, key.action.rawValue)
        bind(4, key.branch)
        bind(5, key.location)
        bind(6, key.mediaType)
        bind(7, key.collection)
        bind(8, key.source.rawValue)
    }
}
