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

    struct ItemKey: Hashable, Sendable {
        var month: String
        var item: String
    }

    private(set) var counters: [CounterKey: Int] = [:]
    private(set) var items: [ItemKey: Int] = [:]
    private(set) var rawEvents: [CirculationEvent] = []
    public private(set) var eventCount = 0
    public let keepRawEvents: Bool

    public init(keepRawEvents: Bool) {
        self.keepRawEvents = keepRawEvents
    }

    public mutating func add(_ event: CirculationEvent) {
        let key = CounterKey(
            day: event.day, hour: event.hour, action: event.action, branch: event.branch, location: event.location,
            mediaType: event.mediaType, collection: event.collection, source: event.source)
        counters[key, default: 0] += 1
        if !event.item.isEmpty {
            items[ItemKey(month: event.month, item: event.item), default: 0] += 1
        }
        if keepRawEvents { rawEvents.append(event) }
        eventCount += 1
    }

    /// Adds the batch's sums to the store inside the caller's transaction.
    func write(to db: Database) throws {
        if !counters.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO hourly_counters
                        (day, hour, action, branch, location, media_type, collection, source, count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (day, hour, action, branch, location, media_type, collection, source)
                    DO UPDATE SET count = count + excluded.count
                    """)
            for (key, count) in counters {
                try statement.execute(arguments: [
                    key.day, key.hour, key.action.rawValue, key.branch, key.location, key.mediaType, key.collection,
                    key.source.rawValue, count,
                ])
            }
        }
        if !items.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO item_monthly_counts (month, item, count) VALUES (?, ?, ?)
                    ON CONFLICT (month, item) DO UPDATE SET count = count + excluded.count
                    """)
            // Key order makes the inserts walk the B-tree forwards instead of jumping around.
            for (key, count) in items.sorted(by: { ($0.key.month, $0.key.item) < ($1.key.month, $1.key.item) }) {
                try statement.execute(arguments: [key.month, key.item, count])
            }
        }
        if !rawEvents.isEmpty {
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO raw_events (day, hour, action, branch, location, media_type, collection, source, item)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for e in rawEvents {
                try statement.execute(arguments: [
                    e.day, e.hour, e.action.rawValue, e.branch, e.location, e.mediaType, e.collection,
                    e.source.rawValue, e.item,
                ])
            }
        }
    }

    public mutating func reset() {
        counters.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        rawEvents.removeAll(keepingCapacity: true)
        eventCount = 0
    }
}
