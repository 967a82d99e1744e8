import Foundation
import GateDetection
import GateEventStore
import GateEventStoreSQLite
import Testing

/// What only the SQLite gate store does: a private file in WAL mode that leaves nothing of a
/// purged row behind. What every engine does is in GateEventStoreBehaviourTests.
@Suite("SQLite gate event store")
struct SQLiteGateEventStoreTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gate-store-\(UUID().uuidString)").path
    var path: String { directory + "/gate-events.sqlite" }

    func minute(_ day: String, _ hour: Int, _ minute: Int) -> AlarmMinute { AlarmMinute(day: day, hour: hour, minute: minute)! }

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
