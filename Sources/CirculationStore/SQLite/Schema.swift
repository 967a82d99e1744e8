import GRDB

/// The store's tables. Every table and column is listed in Docs/store.md ("What it holds"), which a
/// library uses to answer legal process (P10): a column added here must be added there.
enum Schema {
    /// `PRAGMA application_id` of a LibraryRFID circulation store ("LRCS"), so that pointing
    /// `--database` at some other SQLite file is refused instead of adding tables to it.
    static let applicationID: Int32 = 0x4C52_4353

    static let hourlyCounters = "hourly_counters"
    static let itemMonthlyCounts = "item_monthly_counts"
    static let rawEvents = "raw_events"
    static let ingestedFiles = "ingested_files"

    /// Tables holding circulation data, in the order audit and purge report them.
    static let dataTables = [hourlyCounters, itemMonthlyCounts, rawEvents, ingestedFiles]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-counters-items-ledger") { db in
            try db.execute(
                sql: """
                    CREATE TABLE hourly_counters (
                        day TEXT NOT NULL,
                        hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
                        action TEXT NOT NULL,
                        branch TEXT NOT NULL,
                        location TEXT NOT NULL,
                        media_type TEXT NOT NULL,
                        collection TEXT NOT NULL,
                        source TEXT NOT NULL,
                        count INTEGER NOT NULL CHECK (count > 0),
                        PRIMARY KEY (day, hour, action, branch, location, media_type, collection, source)
                    ) WITHOUT ROWID;
                    CREATE TABLE item_monthly_counts (
                        month TEXT NOT NULL,
                        item TEXT NOT NULL,
                        count INTEGER NOT NULL CHECK (count > 0),
                        PRIMARY KEY (month, item)
                    ) WITHOUT ROWID;
                    CREATE TABLE raw_events (
                        id INTEGER PRIMARY KEY,
                        day TEXT NOT NULL,
                        hour INTEGER NOT NULL,
                        action TEXT NOT NULL,
                        branch TEXT NOT NULL,
                        location TEXT NOT NULL,
                        media_type TEXT NOT NULL,
                        collection TEXT NOT NULL,
                        source TEXT NOT NULL,
                        item TEXT NOT NULL
                    );
                    CREATE INDEX raw_events_day ON raw_events(day);
                    CREATE TABLE ingested_files (
                        id INTEGER PRIMARY KEY,
                        head_length INTEGER NOT NULL,
                        head_hash TEXT NOT NULL,
                        committed_offset INTEGER NOT NULL,
                        committed_line INTEGER NOT NULL,
                        tail_hash TEXT NOT NULL,
                        first_ingested_day TEXT NOT NULL,
                        last_ingested_day TEXT NOT NULL
                    );
                    CREATE INDEX ingested_files_head ON ingested_files(head_length, head_hash);
                    """)
        }
        return migrator
    }
}
