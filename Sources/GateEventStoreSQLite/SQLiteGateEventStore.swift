import Foundation
import GateDetection
import GateEventStore
import GRDB
import SQLiteSupport

/// The gate event store in one SQLite file, opened the way every LibraryRFID store is (0600,
/// WAL, synchronous NORMAL, secure delete; `SQLiteSupport`). A commit survives the daemon being
/// killed, which is what lets the daemon say "stored" only after `record` returns.
public final class SQLiteGateEventStore: GateEventStoring {
    public typealias OpenMode = SQLiteStore.OpenMode

    public let path: String
    let queue: DatabaseQueue

    public init(path: String, mode: OpenMode) throws(GateStoreError) {
        self.path = path
        do {
            queue = try SQLiteStore.open(path: path, schema: GateEventSchema.sqlite, mode: mode)
        } catch {
            throw GateStoreError(error)
        }
    }

    /// The path of `[gate_store] path` (a plain path or sqlite:PATH).
    public static func path(forSetting text: String) throws(GateStoreError) -> String {
        do {
            return try StoreLocation.parse(text, defaultFileName: "gate-events.sqlite").sqlitePath()
        } catch {
            throw GateStoreError(error)
        }
    }

    public func record(_ alarm: StoredAlarm) throws(GateStoreError) -> Int64 {
        try write("store an alarm") { db in
            try db.execute(
                sql: "INSERT INTO gate_alarms (day, minute, gate, direction, reason, item) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    alarm.time.day, alarm.time.description, alarm.gate, alarm.direction.rawValue,
                    alarm.reason.description, alarm.item,
                ])
            let id = db.lastInsertedRowID
            try db.execute(
                sql: """
                    INSERT INTO gate_hourly_counts (day, hour, gate, direction, count) VALUES (?, ?, ?, ?, 1)
                    ON CONFLICT (day, hour, gate, direction) DO UPDATE SET count = count + 1
                    """, arguments: [alarm.time.day, alarm.time.hour, alarm.gate, alarm.direction.rawValue])
            return id
        }
    }

    public func alarms() throws(GateStoreError) -> [StoredAlarm] {
        let path = self.path
        return try read("read alarms") { db in
            try Row.fetchAll(db, sql: "SELECT id, minute, gate, direction, reason, item FROM gate_alarms ORDER BY id").map { row in
                let minuteText: String = row[1]
                guard let time = Self.minute(minuteText), let direction = PassDirection(rawValue: row[3]),
                    let reason = AlarmReason(row[4] as String)
                else {
                    throw GateStoreError(.corrupt, location: "\(path): table gate_alarms", "a row has an unknown time, direction or reason")
                }
                return StoredAlarm(id: row[0], time: time, gate: row[2], direction: direction, reason: reason, item: row[5])
            }
        }
    }

    public func hourlyCounts() throws(GateStoreError) -> [HourlyAlarmCount] {
        let path = self.path
        return try read("read hourly counts") { db in
            try Row.fetchAll(
                db, sql: "SELECT day, hour, gate, direction, count FROM gate_hourly_counts ORDER BY day, hour, gate, direction"
            ).map { row in
                guard let direction = PassDirection(rawValue: row[3]) else {
                    throw GateStoreError(.corrupt, location: "\(path): table gate_hourly_counts", "a row has an unknown direction")
                }
                return HourlyAlarmCount(day: row[0], hour: row[1], gate: row[2], direction: direction, count: row[4])
            }
        }
    }

    public func alarmsByGate(month: String) throws(GateStoreError) -> [GateAlarmTotal] {
        try read("read a month's alarms") { db in
            // "." sorts right after "-": the half-open range of the month's days.
            try Row.fetchAll(
                db, sql: "SELECT gate, SUM(count) FROM gate_hourly_counts WHERE day >= ? AND day < ? GROUP BY gate ORDER BY gate",
                arguments: [month + "-", month + "."]
            ).map { GateAlarmTotal(gate: $0[0], count: $0[1]) }
        }
    }

    /// Deletes the rows, then rewrites the file so nothing deleted survives in it: secure delete
    /// zeroes freed cells, VACUUM drops free pages, a truncating checkpoint empties the WAL.
    public func purgeAlarms(before day: String) throws(GateStoreError) -> Int {
        let deleted = try write("purge alarms") { db in
            try db.execute(sql: "DELETE FROM gate_alarms WHERE day < ?", arguments: [day])
            return db.changesCount
        }
        if deleted > 0 {
            try writeWithoutTransaction("vacuum") { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            do { try FilePermissions.restrict(databasePath: path) } catch { throw GateStoreError(error) }
        }
        return deleted
    }

    public func flush() throws(GateStoreError) {
        try writeWithoutTransaction("checkpoint") { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    static func minute(_ text: String) -> AlarmMinute? {
        // "YYYY-MM-DD HH:MM"
        guard text.count == 16 else { return nil }
        let day = String(text.prefix(10))
        let clock = text.suffix(5).split(separator: ":")
        guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]) else { return nil }
        return AlarmMinute(day: day, hour: hour, minute: minute)
    }

    // MARK: - Transactions, with SQLite's failures as the store's kinds

    func write<T>(_ doing: String, _ body: (Database) throws -> T) throws(GateStoreError) -> T {
        do { return try queue.write { db in try body(db) } } catch { throw Self.storeError(error, path: path, doing: doing) }
    }

    func writeWithoutTransaction<T>(_ doing: String, _ body: (Database) throws -> T) throws(GateStoreError) -> T {
        do { return try queue.writeWithoutTransaction { db in try body(db) } } catch {
            throw Self.storeError(error, path: path, doing: doing)
        }
    }

    func read<T>(_ doing: String, _ body: (Database) throws -> T) throws(GateStoreError) -> T {
        do { return try queue.read { db in try body(db) } } catch { throw Self.storeError(error, path: path, doing: doing) }
    }

    static func storeError(_ error: any Error, path: String, doing: String) -> GateStoreError {
        if let error = error as? GateStoreError { return error }
        return GateStoreError(SQLiteStoreError(error, path: path, doing: doing))
    }
}
