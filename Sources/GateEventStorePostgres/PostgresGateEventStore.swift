import Foundation
import GateDetection
import GateEventStore
import PostgresNIO
import PostgresSupport

/// The gate event store in a PostgreSQL database a network's gates share. Rows carry the
/// library (`[site] id`) beside the gate id; a store opened for one library reads and purges only
/// its rows, one opened for none (the network's reports) reads every library's, naming gates
/// `LIBRARY/GATE`.
///
/// `record` is one call of `gate_record_alarm` in autocommit: when it returns, the row and its
/// hourly count are committed (synchronous_commit on: flushed to the server's WAL), which is what
/// lets the daemon say "stored". A connection lost on the way is opened again and the call made
/// once more with the same random alarm key, so a row the lost call did commit is not stored
/// twice. When that fails too, `record` throws and the daemon logs "alarm not stored", as for a
/// SQLite failure.
public final class PostgresGateEventStore: GateEventStoring {
    public let session: PostgresSession
    /// The library this store writes and reads for; nil: every library (reading only).
    public let library: String?

    /// What a least-privilege login is told when the tables are not there.
    static let setupAdvice = "the database owner runs rfid-report database setup first (Docs/deployment.md)"

    /// Connects and checks the schema: migrates it when this role may create tables, and
    /// otherwise only checks it is current.
    public init(endpoint: PostgresEndpoint, library: String?) throws(GateStoreError) {
        self.library = library
        do {
            session = try PostgresSession(endpoint: endpoint)
            try PostgresMigrator.prepareAsAllowed(PostgresGateEventSchema.schema, on: session, advice: Self.setupAdvice)
        } catch {
            throw GateStoreError(error)
        }
    }

    /// The schema every gate store of the database uses, for the setup command.
    public static var schema: PostgresSchema { PostgresGateEventSchema.schema }

    public var location: String { session.location }

    public func record(_ alarm: StoredAlarm) throws(GateStoreError) -> Int64 {
        let library = try writingLibrary()
        let key = UUID()
        var attempt = 0
        while true {
            do {
                return try session.withConnection("store an alarm") { link in
                    let rows = try link.query(
                        """
                        SELECT gate_record_alarm(\(key), \(library), \(alarm.time.day), \(alarm.time.hour), \
                        \(alarm.time.description), \(alarm.gate), \(alarm.direction.rawValue), \(alarm.reason.description), \
                        \(alarm.item))
                        """)
                    guard let id = try rows.first?.decode(Int64.self) else {
                        throw PostgresStoreError(.io, location: session.location, "storing an alarm returned no row number")
                    }
                    return id
                }
            } catch let error as PostgresStoreError where attempt == 0 && Self.isConnectionLoss(error) {
                attempt += 1
            } catch {
                throw GateStoreError(error, location: session.location, doing: "store an alarm")
            }
        }
    }

    public func alarms() throws(GateStoreError) -> [StoredAlarm] {
        let location = session.location
        return try read("read alarms") { link in
            let rows =
                if let library {
                    try link.query(
                        "SELECT id, minute, gate, direction, reason, item FROM gate_alarms WHERE library = \(library) ORDER BY id")
                } else {
                    try link.query(
                        "SELECT id, minute, library || '/' || gate, direction, reason, item FROM gate_alarms ORDER BY id")
                }
            return try rows.map { row in
                let (id, minute, gate, direction, reason, item) = try row.decode((Int64, String, String, String, String, String?).self)
                guard let time = Self.minute(minute), let direction = PassDirection(rawValue: direction),
                    let reason = AlarmReason(reason)
                else {
                    throw GateStoreError(.corrupt, location: "\(location): table gate_alarms", "a row has an unknown time, direction or reason")
                }
                return StoredAlarm(id: id, time: time, gate: gate, direction: direction, reason: reason, item: item)
            }
        }
    }

    public func hourlyCounts() throws(GateStoreError) -> [HourlyAlarmCount] {
        let location = session.location
        return try read("read hourly counts") { link in
            let rows =
                if let library {
                    try link.query(
                        """
                        SELECT day, hour::bigint, gate, direction, count FROM gate_hourly_counts WHERE library = \(library)
                        ORDER BY day, hour, gate, direction
                        """)
                } else {
                    try link.query(
                        """
                        SELECT day, hour::bigint, library || '/' || gate AS gate, direction, count FROM gate_hourly_counts
                        ORDER BY day, hour, gate, direction
                        """)
                }
            return try rows.map { row in
                let (day, hour, gate, direction, count) = try row.decode((String, Int, String, String, Int).self)
                guard let direction = PassDirection(rawValue: direction) else {
                    throw GateStoreError(.corrupt, location: "\(location): table gate_hourly_counts", "a row has an unknown direction")
                }
                return HourlyAlarmCount(day: day, hour: hour, gate: gate, direction: direction, count: count)
            }
        }
    }

    public func alarmsByGate(month: String) throws(GateStoreError) -> [GateAlarmTotal] {
        // "." sorts right after "-": the half-open range of the month's days.
        let (from, to) = (month + "-", month + ".")
        return try read("read a month's alarms") { link in
            let rows =
                if let library {
                    try link.query(
                        """
                        SELECT gate, SUM(count)::bigint FROM gate_hourly_counts
                        WHERE library = \(library) AND day >= \(from) AND day < \(to) GROUP BY gate ORDER BY gate
                        """)
                } else {
                    try link.query(
                        """
                        SELECT library || '/' || gate AS g, SUM(count)::bigint FROM gate_hourly_counts
                        WHERE day >= \(from) AND day < \(to) GROUP BY g ORDER BY g
                        """)
                }
            return try rows.map { row in
                let (gate, count) = try row.decode((String, Int).self)
                return GateAlarmTotal(gate: gate, count: count)
            }
        }
    }

    /// Deletes this library's rows of days before `day` (a gate login: only its own gates'),
    /// then, when this role owns the table, rewrites it (VACUUM FULL) so the deleted rows leave
    /// the table's files. What PostgreSQL cannot promise, and what a least-privilege login leaves
    /// to the owner, is in Docs/gate.md ("PostgreSQL").
    public func purgeAlarms(before day: String) throws(GateStoreError) -> Int {
        let library = try writingLibrary()
        let deleted = try read("purge alarms") { link in
            try link.query("SELECT gate_purge_alarms(\(library), \(day))").first?.decode(Int.self) ?? 0
        }
        if deleted > 0 {
            // Deleted rows that an earlier snapshot could still see would be copied, not dropped.
            do { try session.waitForEarlierTransactions() } catch {
                throw GateStoreError(error, location: location, doing: "wait for earlier transactions before vacuum")
            }
            try read("vacuum") { link in
                let owns = try link.query(
                    "SELECT pg_has_role(current_user, tableowner, 'USAGE') FROM pg_tables WHERE schemaname = 'public' AND tablename = 'gate_alarms'"
                ).first?.decode(Bool.self) ?? false
                if owns { try link.execute("VACUUM (FULL) gate_alarms") }
            }
        }
        return deleted
    }

    /// Nothing to do: every `record` is committed on the server when it returns.
    public func flush() throws(GateStoreError) {}

    public func close() { session.close() }

    // MARK: - Helpers

    func writingLibrary() throws(GateStoreError) -> String {
        guard let library else {
            throw GateStoreError(
                .unsupportedURL, location: session.location,
                "this gate store was opened for every library and cannot write: set [site] id")
        }
        return library
    }

    func read<T>(_ doing: String, _ body: (PostgresLink) throws -> T) throws(GateStoreError) -> T {
        do { return try session.withConnection(doing, body) } catch {
            throw GateStoreError(error, location: session.location, doing: doing)
        }
    }

    /// A failure of the connection rather than of the statement: worth one more try.
    static func isConnectionLoss(_ error: PostgresStoreError) -> Bool {
        error.kind == .io || error.kind == .cannotConnect
    }

    static func minute(_ text: String) -> AlarmMinute? {
        // "YYYY-MM-DD HH:MM"
        guard text.count == 16 else { return nil }
        let clock = text.suffix(5).split(separator: ":")
        guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]) else { return nil }
        return AlarmMinute(day: String(text.prefix(10)), hour: hour, minute: minute)
    }
}
