import Foundation
import GateDetection
import GateEventStore
import GateEventStoreSQLite
import Testing

/// The gate store keeps alarms to the minute, counts by hour, items only when given, and
/// leaves nothing of a purged row in its file.
@Suite("SQLite gate event store")
struct SQLiteGateEventStoreTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gate-store-\(UUID().uuidString)").path
    var path: String { directory + "/gate-events.sqlite" }

    func minute(_ day: String, _ hour: Int, _ minute: Int) -> AlarmMinute { AlarmMinute(day: day, hour: hour, minute: minute)! }

    @Test func alarmsAreStoredToTheMinuteAndCountedByHour() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteGateEventStore(path: path, mode: .createIfMissing)
        let first = try store.record(StoredAlarm(time: minute("2026-05-14", 14, 32), gate: "main-door", direction: .out, reason: .afi(0x07)))
        let second = try store.record(StoredAlarm(time: minute("2026-05-14", 14, 59), gate: "main-door", direction: .out, reason: .afi(0x07)))
        _ = try store.record(StoredAlarm(time: minute("2026-05-14", 15, 1), gate: "side", direction: .unknown, reason: .eas))
        #expect(second == first + 1)
        let rows = try store.alarms()
        #expect(rows.map(\.time.description) == ["2026-05-14 14:32", "2026-05-14 14:59", "2026-05-14 15:01"])
        #expect(rows.allSatisfy { $0.item == nil })
        #expect(rows.last?.reason == .eas)
        #expect(
            try store.hourlyCounts() == [
                HourlyAlarmCount(day: "2026-05-14", hour: 14, gate: "main-door", direction: .out, count: 2),
                HourlyAlarmCount(day: "2026-05-14", hour: 15, gate: "side", direction: .unknown, count: 1),
            ])
    }

    @Test func theFileIsPrivateInWALModeAndAGateStore() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteGateEventStore(path: path, mode: .createIfMissing)
        _ = try store.record(StoredAlarm(time: minute("2026-05-14", 9, 0), gate: "g", direction: .in, reason: .afi(7)))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aMissingStoreIsNotCreatedByReaders() {
        #expect(throws: GateStoreError.self) { try SQLiteGateEventStore(path: path, mode: .mustExist) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theMonthsAlarmsByGateComeFromTheHourlyCounts() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteGateEventStore(path: path, mode: .createIfMissing)
        for (day, gate) in [("2026-04-30", "a"), ("2026-05-01", "a"), ("2026-05-31", "b"), ("2026-05-31", "a"), ("2026-06-01", "b")] {
            _ = try store.record(StoredAlarm(time: minute(day, 12, 0), gate: gate, direction: .out, reason: .afi(7)))
        }
        _ = try store.purgeAlarms(before: "2026-07-01")
        #expect(try store.alarms().isEmpty)
        #expect(try store.alarmsByGate(month: "2026-05") == [GateAlarmTotal(gate: "a", count: 2), GateAlarmTotal(gate: "b", count: 1)])
    }

    @Test func purgedRowsLeaveNoTraceInTheFileAndCountsStay() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteGateEventStore(path: path, mode: .createIfMissing)
        let barcode = "33191000105864"
        _ = try store.record(StoredAlarm(time: minute("2026-04-01", 10, 5), gate: "g", direction: .out, reason: .afi(7), item: barcode))
        _ = try store.record(StoredAlarm(time: minute("2026-05-10", 10, 5), gate: "g", direction: .out, reason: .afi(7)))
        #expect(try store.alarms().first?.item == barcode)
        #expect(try store.purgeAlarms(before: "2026-05-01") == 1)
        #expect(try store.alarms().count == 1)
        #expect(try store.hourlyCounts().map(\.count) == [1, 1])
        try store.flush()
        for suffix in ["", "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path + suffix))) ?? Data()
            #expect(bytes.range(of: Data(barcode.utf8)) == nil, "the barcode survives in \(path + suffix)")
        }
    }

    @Test func anotherSQLiteFileIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        other.arguments = [path, "PRAGMA application_id = 1; CREATE TABLE t (x);"]
        try other.run()
        other.waitUntilExit()
        let error = #expect(throws: GateStoreError.self) { try SQLiteGateEventStore(path: path, mode: .createIfMissing) }
        #expect(error?.exitStatus.rawValue == 65)
    }
}
