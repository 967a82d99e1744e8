import Foundation
import GRDB
import SQLiteSupport
import StationActivity

/// The station activity store in SQLite: one table of hourly counts, opened like every
/// LibraryRFID store (0600 files, WAL, secure delete, owner and application-id checks).
public final class SQLiteStationActivity: StationActivityStore {
    private let queue: DatabaseQueue
    public let path: String

    public enum Mode: Sendable { case createIfMissing, mustExist }

    public init(path: String, mode: Mode) throws(StationActivityError) {
        self.path = path
        do throws(SQLiteStoreError) {
            queue = try SQLiteStore.open(path: path, schema: Self.schema, mode: mode == .mustExist ? .mustExist : .createIfMissing)
        } catch {
            throw StationActivityError(location: path, detail: error.detail, exitStatus: error.exitStatus)
        }
    }

    public func record(_ event: StationEvent) throws(StationActivityError) {
        do {
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO station_hourly (day, hour, station, action, rule, count) VALUES (?, ?, ?, ?, ?, 1)
                        ON CONFLICT (day, hour, station, action, rule) DO UPDATE SET count = count + 1
                        """,
                    arguments: [event.day, event.hour, event.station, event.action.rawValue, event.rule])
            }
        } catch {
            throw StationActivityError(location: path, detail: "cannot record: \(SQLiteStoreError(error, path: path, doing: "write").detail)")
        }
    }

    public func counts(month: String) throws(StationActivityError) -> [StationActivityCount] {
        do {
            return try queue.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT day, hour, station, action, rule, count FROM station_hourly
                        WHERE day >= ? AND day < ? ORDER BY day, hour, station, action, rule
                        """,
                    arguments: [month + "-01", month + "-32"]
                ).compactMap { row in
                    guard let action = StationAction(rawValue: row["action"]) else { return nil }
                    return StationActivityCount(
                        day: row["day"], hour: row["hour"], station: row["station"], action: action, rule: row["rule"],
                        count: row["count"])
                }
            }
        } catch {
            throw StationActivityError(location: path, detail: "cannot read: \(SQLiteStoreError(error, path: path, doing: "read").detail)")
        }
    }

    /// `PRAGMA application_id` of a station activity store ("LRSA").
    static let applicationID: Int32 = 0x4C52_5341

    static let schema = SQLiteStoreSchema(
        storeName: "station activity store", applicationID: applicationID, migrator: migrator,
        missingAdvice: "no station has recorded anything yet; set station.log in the site file")

    /// Migrations, in order; a shipped one is never edited (see `SQLiteStoreSchema`). Every
    /// table and column is listed in Docs/station.md ("What a station records").
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-station-hourly") { db in
            try db.execute(
                sql: """
                    CREATE TABLE station_hourly (
                        day TEXT NOT NULL,
                        hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
                        station TEXT NOT NULL,
                        action TEXT NOT NULL,
                        rule TEXT NOT NULL,
                        count INTEGER NOT NULL CHECK (count > 0),
                        PRIMARY KEY (day, hour, station, action, rule)
                    ) WITHOUT ROWID
                    """)
        }
        return migrator
    }
}
