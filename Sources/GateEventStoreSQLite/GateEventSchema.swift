import GRDB
import SQLiteSupport

/// The gate event store's tables. Every column is listed in Docs/gate.md ("What is stored"),
/// which a library uses to answer legal process: a column added here is added there.
enum GateEventSchema {
    /// `PRAGMA application_id` of a LibraryRFID gate event store ("LRGE").
    static let applicationID: Int32 = 0x4C52_4745

    /// Migration v1 as shipped; never edited (see `SQLiteStoreSchema`).
    static let v1 = "v1-alarms-hourly-counts"

    static let sqlite = SQLiteStoreSchema(
        storeName: "gate event store", applicationID: applicationID, migrator: migrator,
        missingAdvice: "run rfid-gated first, or set [gate_store] path")

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // v1: alarm rows (to the minute; item only when the gate records items) and hourly counts.
        migrator.registerMigration(v1) { db in
            try db.execute(
                sql: """
                    CREATE TABLE gate_alarms (
                        id INTEGER PRIMARY KEY,
                        day TEXT NOT NULL,
                        minute TEXT NOT NULL,
                        gate TEXT NOT NULL,
                        direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'unknown')),
                        reason TEXT NOT NULL,
                        item TEXT
                    );
                    CREATE INDEX gate_alarms_by_day ON gate_alarms (day);
                    CREATE TABLE gate_hourly_counts (
                        day TEXT NOT NULL,
                        hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
                        gate TEXT NOT NULL,
                        direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'unknown')),
                        count INTEGER NOT NULL CHECK (count > 0),
                        PRIMARY KEY (day, hour, gate, direction)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
