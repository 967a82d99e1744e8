import Foundation
import GateDetection
import GateEventStore
import GateEventStoreSQLite
import TestSupport
import Testing

/// `rfid-gated alarms` shows what the store holds; `rfid-report monthly` counts it by gate.
@Suite("rfid-gated alarms and the report's gate section")
struct AlarmsCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gate-alarms-\(UUID().uuidString)").path

    func site(extra: String = "") throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/site.toml"
        let text = """
            [gate_store]
            path = "\(directory)/gate-events.sqlite"
            [store]
            database = "\(directory)/circulation.sqlite"
            suppression_threshold = 3
            \(extra)
            """
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func record(_ alarms: [(String, String, PassDirection, String?)]) throws {
        let store = try SQLiteGateEventStore(path: directory + "/gate-events.sqlite", mode: .createIfMissing)
        for (day, gate, direction, item) in alarms {
            _ = try store.record(
                StoredAlarm(time: AlarmMinute(day: day, hour: 10, minute: 7)!, gate: gate, direction: direction, reason: .afi(7), item: item))
        }
    }

    @Test func listsRowsAndHourlyCountsAsTextAndJSON() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try site()
        try record([("2026-05-14", "main-door", .out, nil), ("2026-05-14", "main-door", .out, "33191000105864")])
        let text = try RunTool.run("rfid-gated", ["alarms", "--config", file])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("2 alarms"))
        #expect(text.stdout.contains("2026-05-14 10:07  main-door  out  afi:07\n"))
        #expect(text.stdout.contains("item 33191000105864"))
        #expect(text.stdout.contains("2026-05-14 10h  main-door  out  2"))
        let json = try RunTool.run("rfid-gated", ["alarms", "--config", file, "--json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = try #require(document?["alarms"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["item"] == nil)
        #expect(rows[1]["item"] as? String == "33191000105864")
        #expect((document?["hourlyCounts"] as? [[String: Any]])?.first?["count"] as? Int == 2)
    }

    @Test func withoutAStoreItSaysSoWithExit74() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try RunTool.run("rfid-gated", ["alarms", "--config", try site()])
        #expect(run.status == 74)
        #expect(run.stderr.contains("no gate event store here"))
    }

    @Test func theMonthlyReportCountsAlarmsByGateFromTheGateStore() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try site()
        try record(
            Array(repeating: ("2026-05-14", "main-door", .out, nil), count: 4) + Array(repeating: ("2026-05-20", "side", .in, nil), count: 3)
                + [("2026-06-01", "side", .in, nil)])
        // An empty circulation store: the report needs one.
        let log = directory + "/empty.log"
        _ = FileManager.default.createFile(atPath: log, contents: Data())
        let ingest = try RunTool.run("rfid-report", ["ingest", "--config", file, log])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let run = try RunTool.run("rfid-report", ["monthly", "--config", file, "--month", "2026-05", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let gates = try #require(document?["gateAlarms"] as? [String: Any])
        let rows = try #require(gates["rows"] as? [[String: Any]])
        // May: 4 at main-door, 3 at side (June's is another month's).
        #expect(rows.map { $0["label"] as? String } == ["main-door", "side"], "\(gates)")
        #expect(rows.map { $0["cells"] as? [Int] } == [[4], [3]])
    }
}
