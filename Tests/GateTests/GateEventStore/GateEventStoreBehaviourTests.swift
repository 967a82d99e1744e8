import Foundation
import GateDetection
import GateEventStore
import Testing

/// What every gate store does, SQLite or PostgreSQL: alarms kept to the minute and counted by
/// hour, items only when given, monthly totals from the counts, purge deleting rows and keeping
/// counts.
@Suite("Gate event store, every engine")
struct GateEventStoreBehaviourTests {
    func minute(_ day: String, _ hour: Int, _ minute: Int) -> AlarmMinute { AlarmMinute(day: day, hour: hour, minute: minute)! }

    @Test(arguments: GateStoreEngine.available)
    func alarmsAreStoredToTheMinuteAndCountedByHour(engine: GateStoreEngine) throws {
        let opened = try engine.makeStore()
        let store = opened.store
        let first = try store.record(StoredAlarm(time: minute("2026-05-14", 14, 32), gate: "main-door", direction: .out, reason: .afi(0x07)))
        let second = try store.record(StoredAlarm(time: minute("2026-05-14", 14, 59), gate: "main-door", direction: .out, reason: .afi(0x07)))
        _ = try store.record(StoredAlarm(time: minute("2026-05-14", 15, 1), gate: "side", direction: .unknown, reason: .eas))
        #expect(second == first + 1)
        let rows = try store.alarms()
        #expect(rows.map(\.time.description) == ["2026-05-14 14:32", "2026-05-14 14:59", "2026-05-14 15:01"])
        #expect(rows.map(\.id) == [first, second, second + 1])
        #expect(rows.allSatisfy { $0.item == nil })
        #expect(rows.last?.reason == .eas)
        #expect(
            try store.hourlyCounts() == [
                HourlyAlarmCount(day: "2026-05-14", hour: 14, gate: "main-door", direction: .out, count: 2),
                HourlyAlarmCount(day: "2026-05-14", hour: 15, gate: "side", direction: .unknown, count: 1),
            ])
    }

    @Test(arguments: GateStoreEngine.available)
    func theMonthsAlarmsByGateComeFromTheHourlyCounts(engine: GateStoreEngine) throws {
        let opened = try engine.makeStore()
        let store = opened.store
        for (day, gate) in [("2026-04-30", "a"), ("2026-05-01", "a"), ("2026-05-31", "b"), ("2026-05-31", "a"), ("2026-06-01", "b")] {
            _ = try store.record(StoredAlarm(time: minute(day, 12, 0), gate: gate, direction: .out, reason: .afi(7)))
        }
        #expect(try store.purgeAlarms(before: "2026-07-01") == 5)
        #expect(try store.alarms().isEmpty)
        #expect(try store.alarmsByGate(month: "2026-05") == [GateAlarmTotal(gate: "a", count: 2), GateAlarmTotal(gate: "b", count: 1)])
    }

    @Test(arguments: GateStoreEngine.available)
    func purgeDeletesOlderRowsOnlyAndKeepsEveryCount(engine: GateStoreEngine) throws {
        let opened = try engine.makeStore()
        let store = opened.store
        let barcode = "33191000105864"
        _ = try store.record(StoredAlarm(time: minute("2026-04-01", 10, 5), gate: "g", direction: .out, reason: .afi(7), item: barcode))
        _ = try store.record(StoredAlarm(time: minute("2026-05-10", 10, 5), gate: "g", direction: .out, reason: .afi(7)))
        #expect(try store.alarms().first?.item == barcode)
        #expect(try store.purgeAlarms(before: "2026-05-01") == 1)
        #expect(try store.purgeAlarms(before: "2026-05-01") == 0)
        #expect(try store.alarms().map(\.time.day) == ["2026-05-10"])
        #expect(try store.hourlyCounts().map(\.count) == [1, 1])
        try store.flush()
    }
}
