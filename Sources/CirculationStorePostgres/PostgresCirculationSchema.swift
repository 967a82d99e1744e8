import PostgresSupport

/// The circulation store's tables in PostgreSQL: those of the SQLite store (Docs/store.md, "What
/// it holds"), each with a `library` column (the site's `[site] id`), so that one database
/// serves a network and every query can keep to one library. A column added here must be added
/// to Docs/store.md too.
enum PostgresCirculationSchema {
    static let hourlyCounters = "hourly_counters"
    static let itemMonthlyCounts = "item_monthly_counts"
    static let rawEvents = "raw_events"
    static let ingestedFiles = "ingested_files"
    static let ingestedMalformedLines = "ingested_malformed_lines"
    /// The ledger's fingerprint secret: one row, made by the first migration from the server's
    /// strong random source, readable by the ingest role only.
    static let ledgerKey = "circulation_ledger_key"

    /// Tables holding circulation data, in the order audit and purge report them (as SQLite's).
    static let dataTables = [hourlyCounters, itemMonthlyCounts, rawEvents, ingestedFiles, ingestedMalformedLines]

    /// The circulation store's migrations. **A shipped migration is never edited** (see
    /// `PostgresMigration`): add one after the last.
    static let schema = PostgresSchema(store: "circulation", storeName: "circulation store", migrations: [v1])

    /// v1: counters, item counts, raw events, the ledger with its malformed lines, the key. The
    /// SQLite store's four migrations as one: PostgreSQL stores start here, every fingerprint keyed.
    /// The counted tables leave a fifth of each page free and index no count, so that adding to a
    /// count rewrites the row in its page without touching an index (a HOT update): ingest is
    /// mostly such updates. The most-circulated list then sorts the month's items instead of
    /// reading an index on the count, which costs the report tens of milliseconds.
    static let v1 = PostgresMigration(
        1, "counters-items-ledger",
        [
            """
            CREATE TABLE hourly_counters (
                library text NOT NULL,
                day text NOT NULL,
                hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
                action text NOT NULL,
                branch text NOT NULL,
                location text NOT NULL,
                media_type text NOT NULL,
                collection text NOT NULL,
                source text NOT NULL,
                count bigint NOT NULL CHECK (count > 0),
                PRIMARY KEY (library, day, hour, action, branch, location, media_type, collection, source))
                WITH (fillfactor = 80)
            """,
            // A purge of the whole network cuts by day across libraries.
            "CREATE INDEX hourly_counters_day ON hourly_counters (day)",
            """
            CREATE TABLE item_monthly_counts (
                library text NOT NULL,
                month text NOT NULL,
                item text NOT NULL,
                count bigint NOT NULL CHECK (count > 0),
                PRIMARY KEY (library, month, item))
                WITH (fillfactor = 80)
            """,
            """
            CREATE TABLE raw_events (
                id bigserial PRIMARY KEY,
                library text NOT NULL,
                day text NOT NULL,
                hour smallint NOT NULL,
                action text NOT NULL,
                branch text NOT NULL,
                location text NOT NULL,
                media_type text NOT NULL,
                collection text NOT NULL,
                source text NOT NULL,
                item text NOT NULL)
            """,
            "CREATE INDEX raw_events_day ON raw_events (library, day)",
            """
            CREATE TABLE ingested_files (
                id bigserial PRIMARY KEY,
                library text NOT NULL,
                head_length integer NOT NULL,
                head_hash text NOT NULL,
                committed_offset bigint NOT NULL,
                committed_line bigint NOT NULL,
                tail_hash text NOT NULL,
                head_prefixes text NOT NULL,
                first_ingested_day text NOT NULL,
                last_ingested_day text NOT NULL)
            """,
            "CREATE INDEX ingested_files_head ON ingested_files (library, head_length, head_hash)",
            """
            CREATE TABLE ingested_malformed_lines (
                library text NOT NULL,
                file_id bigint NOT NULL REFERENCES ingested_files(id) ON DELETE CASCADE,
                byte_offset bigint NOT NULL,
                byte_length bigint NOT NULL CHECK (byte_length > 0),
                line bigint NOT NULL,
                reading text NOT NULL,
                PRIMARY KEY (file_id, byte_offset))
            """,
            """
            CREATE TABLE circulation_ledger_key (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                key bytea NOT NULL CHECK (length(key) = 32))
            """,
            // gen_random_uuid() draws from pg_strong_random (OpenSSL): two give 244 random bits.
            """
            INSERT INTO circulation_ledger_key (key)
            VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
            """,
        ])
}
