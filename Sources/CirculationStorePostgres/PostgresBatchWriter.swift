import CirculationLog
import CirculationStore
import PostgresNIO
import PostgresSupport

/// Adds a batch's sums inside the caller's transaction, many rows per statement: each column
/// is sent as one array and `unnest` turns the arrays back into rows, so a batch of a few
/// hundred thousand counters is a few dozen round trips instead of one per row. Counters and
/// item counts are upserts that add (`count = count + excluded.count`): concurrent batches of
/// any number of writers add up exactly. Rows go in key order, so that two writers touching the
/// same counters lock them in the same order and rarely deadlock (when they do, the server rolls
/// one back and `PostgresSession.transaction` runs it again).
struct PostgresBatchWriter {
    let link: PostgresLink
    let library: String

    /// Rows per statement: large enough that round trips do not dominate, small enough that a
    /// statement's arrays stay a few megabytes.
    static let chunk = 20_000

    func write(_ batch: BatchAggregator) throws {
        try writeCounters(batch)
        try writeItems(batch)
        try writeRawEvents(batch.rawEvents)
    }

    private func writeCounters(_ batch: BatchAggregator) throws {
        guard batch.counterCount > 0 else { return }
        var sorted: [(key: BatchAggregator.CounterKey, value: Int)] = []
        sorted.reserveCapacity(batch.counterCount)
        batch.forEachCounter { sorted.append(($0, $1)) }
        sorted.sort { Self.precedes($0.key, $1.key) }
        var start = 0
        while start < sorted.count {
            let rows = sorted[start..<min(start + Self.chunk, sorted.count)]
            try link.execute(
                """
                INSERT INTO hourly_counters (library, day, hour, action, branch, location, media_type, collection, source, count)
                SELECT \(library), * FROM unnest(
                    \(rows.map(\.key.day))::text[], \(rows.map(\.key.hour))::smallint[], \(rows.map(\.key.action.rawValue))::text[],
                    \(rows.map(\.key.branch))::text[], \(rows.map(\.key.location))::text[], \(rows.map(\.key.mediaType))::text[],
                    \(rows.map(\.key.collection))::text[], \(rows.map(\.key.source.rawValue))::text[], \(rows.map(\.value))::bigint[])
                ON CONFLICT (library, day, hour, action, branch, location, media_type, collection, source)
                DO UPDATE SET count = hourly_counters.count + excluded.count
                """)
            start += Self.chunk
        }
    }

    /// The table's primary-key order.
    static func precedes(_ a: BatchAggregator.CounterKey, _ b: BatchAggregator.CounterKey) -> Bool {
        if a.day != b.day { return a.day < b.day }
        if a.hour != b.hour { return a.hour < b.hour }
        if a.action != b.action { return a.action.rawValue < b.action.rawValue }
        if a.branch != b.branch { return a.branch < b.branch }
        if a.location != b.location { return a.location < b.location }
        if a.mediaType != b.mediaType { return a.mediaType < b.mediaType }
        if a.collection != b.collection { return a.collection < b.collection }
        return a.source.rawValue < b.source.rawValue
    }

    private func writeItems(_ batch: BatchAggregator) throws {
        guard batch.hasItemCounts else { return }
        var months: [String] = []
        var items: [String] = []
        var counts: [Int] = []
        func flush() throws {
            guard !items.isEmpty else { return }
            try link.execute(
                """
                INSERT INTO item_monthly_counts (library, month, item, count)
                SELECT \(library), * FROM unnest(\(months)::text[], \(items)::text[], \(counts)::bigint[])
                ON CONFLICT (library, month, item) DO UPDATE SET count = item_monthly_counts.count + excluded.count
                """)
            months.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
            counts.removeAll(keepingCapacity: true)
        }
        // Months in order, and within a month the items in key order as far as the tally keeps
        // them so: the same lock order for every writer.
        try batch.forEachItemCount { month, item, count in
            months.append(month)
            items.append(String(decoding: item, as: UTF8.self))
            counts.append(count)
            if items.count == Self.chunk { try flush() }
        }
        try flush()
    }

    private func writeRawEvents(_ events: [CirculationEvent]) throws {
        var start = 0
        while start < events.count {
            let rows = events[start..<min(start + Self.chunk, events.count)].map(BatchAggregator.CounterKey.init)
            let items = events[start..<min(start + Self.chunk, events.count)].map(\.item)
            try link.execute(
                """
                INSERT INTO raw_events (library, day, hour, action, branch, location, media_type, collection, source, item)
                SELECT \(library), * FROM unnest(
                    \(rows.map(\.day))::text[], \(rows.map(\.hour))::smallint[], \(rows.map(\.action.rawValue))::text[],
                    \(rows.map(\.branch))::text[], \(rows.map(\.location))::text[], \(rows.map(\.mediaType))::text[],
                    \(rows.map(\.collection))::text[], \(rows.map(\.source.rawValue))::text[], \(items)::text[])
                """)
            start += Self.chunk
        }
    }
}
