/// The gate event store as plain values: what the daemon writes, what `rfid-gated alarms` and
/// the monthly report read. The SQLite store implements it; a PostgreSQL store can stand beside
/// it later without the daemon changing.
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
    /// Deletes alarm rows of days before `day` ("YYYY-MM-DD") so that nothing of them remains in
    /// the file; hourly counts are kept. Returns the number of rows deleted.
    func purgeAlarms(before day: String) throws(GateStoreError) -> Int
    /// Moves committed transactions from the write-ahead log into the store file (on shutdown).
    func flush() throws(GateStoreError)
}
