/// The gate event store as plain values: what the daemon writes, what `rfid-gated alarms` and
/// the monthly report read. The SQLite store (one branch's file) and the PostgreSQL store (a
/// network's shared database) implement it; the daemon does not know which it has.
public protocol GateEventStoring: Sendable {
    /// Stores the alarm row and adds it to its hourly count, in one transaction; returns the
    /// row's number. When it returns the alarm is committed (it survives the process being killed).
    func record(_ alarm: StoredAlarm) throws(GateStoreError) -> Int64
    /// Every stored alarm row, oldest first.
    func alarms() throws(GateStoreError) -> [StoredAlarm]
    /// Every hourly count, oldest first.
    func hourlyCounts() throws(GateStoreError) -> [HourlyAlarmCount]
    /// The month's ("YYYY-MM") alarms per gate, from the hourly counts (which outlive the rows).
    func alarmsByGate(month: String) throws(GateStoreError) -> [GateAlarmTotal]
    /// Deletes alarm rows of days before `day` ("YYYY-MM-DD") and leaves as little of them in the
    /// store's files as its engine allows (SQLite: nothing; PostgreSQL: Docs/gate.md); hourly
    /// counts are kept. Returns the number of rows deleted.
    func purgeAlarms(before day: String) throws(GateStoreError) -> Int
    /// Moves committed transactions from the write-ahead log into the store file (on shutdown;
    /// nothing to do where the server keeps its own log).
    func flush() throws(GateStoreError)
}
