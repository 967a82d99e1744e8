import Foundation
import StationActivity
import StationActivitySQLite
import Testing

/// The activity store counts what stations did by hour; it holds no barcode, UID or value. What
/// every engine does is in StationActivityBehaviourSpec; here, what only the SQLite file does.
@Suite struct SQLiteStationActivitySpec {
    func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("activity-\(UUID().uuidString)/station.sqlite").path
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
