import Foundation
import StationActivity
import StationActivitySQLite
import Testing

/// The activity store counts what stations did by hour; it holds no barcode, UID or value.
@Suite struct SQLiteStationActivitySpec {
    func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("activity-\(UUID().uuidString)/station.sqlite").path
    }

    @Test func eventsAddUpByHourStationActionAndRule() throws {
        let store = try SQLiteStationActivity(path: path(), mode: .createIfMissing)
        for _ in 0..<3 { try store.record(StationEvent(station: "desk-1", action: .tagged, day: "2026-12-01", hour: 9)) }
        try store.record(StationEvent(station: "desk-2", action: .tagged, day: "2026-12-01", hour: 9))
        try store.record(StationEvent(station: "desk-1", action: .refused, rule: "patron-card", day: "2026-12-01", hour: 10))
        try store.record(StationEvent(station: "desk-1", action: .scrubbed, day: "2026-12-31", hour: 23))
        try store.record(StationEvent(station: "desk-1", action: .tagged, day: "2027-01-01", hour: 0))
        let counts = try store.counts(month: "2026-12")
        #expect(counts.count == 4)
        #expect(counts.first == StationActivityCount(day: "2026-12-01", hour: 9, station: "desk-1", action: .tagged, rule: "", count: 3))
        #expect(counts.contains { $0.action == .refused && $0.rule == "patron-card" && $0.count == 1 })
        let written = try store.tagsWritten(month: "2026-12")
        #expect(written.map(\.station) == ["desk-1", "desk-2"])
        #expect(written.map(\.count) == [4, 1])
    }

    @Test func aRuleIsKeptOnlyForRefusals() {
        #expect(StationEvent(station: "s", action: .tagged, rule: "x", day: "2026-12-01", hour: 1).rule == "")
    }

    @Test func theFileIsPrivateAndAMissingStoreIsAClearError() throws {
        let p = path()
        _ = try SQLiteStationActivity(path: p, mode: .createIfMissing)
        let mode = try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let error = try #require(throws: StationActivityError.self) {
            try SQLiteStationActivity(path: p + ".missing", mode: .mustExist)
        }
        #expect(error.description.contains("no station activity store here"))
    }
}
