import CirculationLog
import CirculationStore
import GRDB
import SQLiteSupport

/// Adds a batch's sums to the store inside the caller's transaction, with prepared upserts
/// bound directly (`PreparedUpsert`): a batch of five million lines is a few hundred thousand
/// statements, and this is the commit thread's whole job.
enum BatchWriter {
    static func write(_ batch: BatchAggregator, to db: Database) throws {
        if batch.counterCount > 0 {
            let upsert = try PreparedUpsert(
                db,
                sql: """
                    INSERT INTO hourly_counters
                        (day, hour, action, branch, location, media_type, collection, source, count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (day, hour, action, branch, location, media_type, collection, source)
                    DO UPDATE SET count = count + excluded.count
                    """)
            try batch.forEachCounter { key, count in
                upsert.bindDimensions(key)
                upsert.bind(9, count)
                try upsert.run()
            }
        }
        if batch.hasItemCounts {
            let upsert = try PreparedUpsert(
                db,
                sql: """
                    INSERT INTO item_monthly_counts (month, item, count) VALUES (?, ?, ?)
                    ON CONFLICT (month, item) DO UPDATE SET count = count + excluded.count
                    """)
            // Key order makes the inserts walk the B-tree forwards instead of jumping around.
            try batch.forEachItemCount { month, item, count in
                upsert.bind(1, month)
                upsert.bind(2, utf8: item)
                upsert.bind(3, count)
                try upsert.run()
            }
        }
        if !batch.rawEvents.isEmpty {
            let insert = try PreparedUpsert(
                db,
                sql: """
                    INSERT INTO raw_events (day, hour, action, branch, location, media_type, collection, source, item)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for e in batch.rawEvents {
                insert.bindDimensions(BatchAggregator.CounterKey(e))
                insert.bind(9, e.item)
                try insert.run()
            }
        }
    }
}

extension PreparedUpsert {
    /// Binds a counter's dimensions as parameters 1-8, in the column order both the counter
    /// and the raw-event statements list them.
    @inline(__always)
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
