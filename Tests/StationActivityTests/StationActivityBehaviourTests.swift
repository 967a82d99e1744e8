import Foundation
import PostgresTestSupport
import StationActivity
import StationActivityPostgres
import StationActivitySQLite
import Testing

/// The engines a station store test runs on: SQLite always, PostgreSQL when the test server is
/// there (always under scripts/test, which requires it).
enum StationStoreEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    static var available: [StationStoreEngine] { PostgresTestServer.enabled ? allCases : [.sqlite] }
    var testDescription: String { rawValue }

    /// A new, empty store, and what must outlive it (its test database).
    func makeStore(library: String = "main") throws -> (store: any StationActivityStore, keep: AnyObject?) {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("activity-\(UUID().uuidString)/station.sqlite").path
            return (try SQLiteStationActivity(path: path, mode: .createIfMissing), nil)
        case .postgres:
            let db = try PostgresTestServer.freshDatabase()
            return (try PostgresStationActivity(endpoint: db.endpoint(), library: library), db)
        }
    }
}

/// What every station activity store does: events added up by hour, station, action and rule,
/// read back by month.
@Suite struct StationActivityBehaviourSpec {
    @Test(arguments: StationStoreEngine.available)
    func eventsAddUpByHourStationActionAndRule(engine: StationStoreEngine) throws {
        let (store, keep) = try engine.makeStore()
        defer { withExtendedLifetime(keep) {} }
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
        #expect(try store.counts(month: "2027-01").map(\.count) == [1])
    }
}

/// What only the PostgreSQL store does: libraries kept apart in one database.
@Suite(.enabled(if: PostgresTestServer.enabled)) struct PostgresStationActivitySpec {
    @Test func librariesShareTheDatabaseAndSeeOnlyTheirOwnCounts() throws {
        let db = try PostgresTestServer.freshDatabase()
        let north = try PostgresStationActivity(endpoint: db.endpoint(), library: "north")
        let south = try PostgresStationActivity(endpoint: db.endpoint(), library: "south")
        try north.record(StationEvent(station: "desk", action: .tagged, day: "2026-12-01", hour: 9))
        try south.record(StationEvent(station: "desk", action: .tagged, day: "2026-12-01", hour: 9))
        try south.record(StationEvent(station: "desk", action: .tagged, day: "2026-12-01", hour: 9))
        #expect(try north.counts(month: "2026-12").map(\.count) == [1])
        #expect(try south.counts(month: "2026-12").map(\.count) == [2])
        let network = try PostgresStationActivity(endpoint: db.endpoint(), library: nil)
        #expect(try network.tagsWritten(month: "2026-12").map { "\($0.station) \($0.count)" } == ["north/desk 1", "south/desk 2"])
        #expect(throws: StationActivityError.self) {
            try network.record(StationEvent(station: "desk", action: .tagged, day: "2026-12-01", hour: 9))
        }
        [north, south, network].forEach { $0.close() }
    }
}
