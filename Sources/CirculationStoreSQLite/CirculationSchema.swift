import GRDB
import SQLiteSupport

/// The store's tables. Every table and column is listed in Docs/store.md ("What it holds"), which a
/// library uses to answer legal process (P10): a column added here must be added there.
enum CirculationSchema {
    /// `PRAGMA application_id` of a LibraryRFID circulation store ("LRCS"), so that pointing
    /// `--database` at some other SQLite file is refused instead of adding tables to it.
    static let applicationID: Int32 = 0x4C52_4353

    static let hourlyCounters = "hourly_counters"
    static let itemMonthlyCounts = "item_monthly_counts"
    static let rawEvents = "raw_events"
    static let ingestedFiles = "ingested_files"
    static let ingestedMalformedLines = "ingested_malformed_lines"

    /// Tables holding circulation data, in the order audit and purge report them.
    static let dataTables = [hourlyCounters, itemMonthlyCounts, rawEvents, ingestedFiles, ingestedMalformedLines]

    static let sqlite = SQLiteStoreSchema(
        storeName: "circulation store", applicationID: applicationID, migrator: migrator,
        missingAdvice: "run `rfid-report ingest` first, or pass --database",
        // 32 MiB (SQLite's default is 2 MiB): a month's counter and item tables stay in memory
        // while a batch is added to them, instead of being re-read page by page.
        pageCacheKiB: 32768)

    /// Migration v1, the first schema as shipped. Its identifier was recorded by every store
    /// created since, so it stays as it is.
    static let v1 = "v1-counters-items-ledger"
    /// Migration v2: the ledger records fingerprints of its head's first 256 B, 1 KiB, 4 KiB
    /// and 16 KiB, so a shorter earlier copy of a file already counted is recognised.
    static let v2 = "v2-ledger-head-prefixes"
    /// Migration v3: ledger fingerprints are keyed with the store's secret (`LedgerKey`); rows
    /// recorded before are marked unkeyed until their file's next commit rewrites them.
    static let v3 = "v3-ledger-keyed-fingerprints"
    /// Migration v4: where each line reported malformed lies (offset, length, line number, and
    /// the reading that found it so), so that a run with another format or mapping counts it.
    static let v4 = "v4-ledger-malformed-lines"

    /// The circulation store's migrations, in order. A shipped migration is never edited,
    /// renamed or removed (see `SQLiteStoreSchema`): stores in use have recorded its identifier
    /// and will not run it again, so an edit would reach new stores only. A schema change is a
    /// new migration registered after the last one, and a row in Docs/store.md.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // v1: hourly counters, per-item monthly counts, raw events, the ingest ledger.
        migrator.registerMigration(v1) { db in
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
        // v2: prefix fingerprints of each ledger entry's head (`length:hash ...`; '' for
        // entries recorded before, which are then recognised as before).
        migrator.registerMigration(v2) { db in
            try db.execute(sql: "ALTER TABLE ingested_files ADD COLUMN head_prefixes TEXT NOT NULL DEFAULT ''")
        }
        // v3: whether a ledger row's fingerprints are keyed (1) or from before this migration (0).
        migrator.registerMigration(v3) { db in
            try db.execute(sql: "ALTER TABLE ingested_files ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0")
        }
        // v4: the byte ranges of lines reported malformed, per ledger entry; positions only,
        // never the line's content. Deleted with their entry (and by purge explicitly).
        migrator.registerMigration(v4) { db in
            try db.execute(
                sql: """
                    CREATE TABLE ingested_malformed_lines (
                        file_id INTEGER NOT NULL REFERENCES ingested_files(id) ON DELETE CASCADE,
                        byte_offset INTEGER NOT NULL,
                        byte_length INTEGER NOT NULL CHECK (byte_length > 0),
                        line INTEGER NOT NULL,
                        reading TEXT NOT NULL,
                        PRIMARY KEY (file_id, byte_offset)
                    ) WITHOUT ROWID
                    """)
        }
        return migrator
    }
}
