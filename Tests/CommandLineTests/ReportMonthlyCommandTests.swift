import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import StationActivity
import StationActivitySQLite
import TestSupport
import Testing

@Suite("rfid-report monthly")
struct ReportMonthlyCommandTests {
    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("monthly-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A real SQLite store holding the given events, written through the store's own commit.
    func store(at path: String, events: [CirculationEvent]) throws {
        let store = try SQLiteCirculationStore(path: path, mode: .createIfMissing)
        var batch = BatchAggregator(keepRawEvents: false)
        for event in events { batch.add(event) }
        let entry = LedgerEntry(id: nil, headLength: 0, headHash: "", committedOffset: 0, committedLine: 0, tailHash: "")
        _ = try store.commit(batch, entry: entry, previousOffset: 0, head: [], today: "2026-12-01")
    }

    func event(_ action: CirculationAction, day: String, hour: Int, item: String) -> CirculationEvent {
        CirculationEvent(
            action: action, day: day, hour: hour, branch: "MAIN", location: "", mediaType: "001", collection: "",
            source: .selfCheck, item: item)
    }

    @Test("a month that is not YYYY-MM is a usage error (exit 64)")
    func badMonth() throws {
        let run = try ReportToolRunner.run("rfid-report", ["monthly", "--month", "2026-13", "--database", "/nonexistent/x"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("YYYY-MM"))
    }

    @Test("an unknown format is a usage error (exit 64)")
    func badFormat() throws {
        let run = try ReportToolRunner.run("rfid-report", ["monthly", "--month", "2026-11", "--format", "pdf"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("'csv', 'json', 'md' or 'html'"))
    }

    @Test("a missing store is a clear error (exit 74), and no empty store is created in its place")
    func missingStore() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("none.sqlite").path
        let run = try ReportToolRunner.run("rfid-report", ["monthly", "--month", "2026-11", "--database", path])
        #expect(run.status == 74)
        #expect(run.stderr.contains("no circulation store here"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a file that is not a circulation store is refused as bad data (exit 65)")
    func notAStore() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("notes.txt").path
        try Data("these are plain notes, not a database".utf8).write(to: URL(fileURLWithPath: path))
        let run = try ReportToolRunner.run("rfid-report", ["monthly", "--month", "2026-11", "--database", path])
        #expect(run.status == 65, "\(run.stderr)")
    }

    @Test("a PostgreSQL URL without a library to read gets a usage error without echoing the password (exit 64)")
    func postgresURL() throws {
        let run = try ReportToolRunner.run(
            "rfid-report", ["monthly", "--month", "2026-11", "--database", "postgres://u:secretpw@db/x"])
        #expect(run.status == 64)
        #expect(!run.stderr.contains("secretpw"))
    }

    @Test("JSON from a real store carries the month's exact totals")
    func jsonFromStore() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("circulation.sqlite").path
        var events: [CirculationEvent] = []
        for i in 0..<30 { events.append(event(.checkout, day: "2026-11-0\(1 + i % 9)", hour: 10 + i % 5, item: "3100\(i % 6)")) }
        for i in 0..<12 { events.append(event(.checkin, day: "2026-11-1\(i % 9)", hour: 15, item: "3100\(i % 6)")) }
        for _ in 0..<6 { events.append(event(.renewal, day: "2026-11-20", hour: 12, item: "31000")) }
        events.append(event(.checkout, day: "2026-10-31", hour: 12, item: "31000"))
        try store(at: path, events: events)
        let run = try ReportToolRunner.run(
            "rfid-report", ["monthly", "--month", "2026-11", "--format", "json", "--database", path])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["checkouts"] as? Int == 30)
        #expect(totals["checkins"] as? Int == 12)
        #expect(totals["renewals"] as? Int == 6)
        #expect(totals["all"] as? Int == 48)
    }

    @Test("--out writes circulation-YYYY-MM.<format> into the directory and prints its path")
    func outDirectory() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("circulation.sqlite").path
        try store(at: path, events: (0..<20).map { event(.checkout, day: "2026-11-02", hour: 9, item: "X\($0 % 2)") })
        let outDir = dir.appendingPathComponent("reports/2026").path
        for format in ["csv", "json", "html", "md"] {
            let run = try ReportToolRunner.run(
                "rfid-report", ["monthly", "--month", "2026-11", "--format", format, "--out", outDir, "--database", path])
            #expect(run.status == 0, "\(run.stderr)")
            let file = outDir + "/circulation-2026-11.\(format)"
            #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == file)
            #expect(FileManager.default.fileExists(atPath: file))
        }
    }

    @Test("the suppression threshold comes from [store] in the site file")
    func thresholdFromSettings() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("circulation.sqlite").path
        try store(at: path, events: (0..<7).map { event(.checkout, day: "2026-11-02", hour: 9, item: "X\($0)") })
        let plain = try ReportToolRunner.run("rfid-report", ["monthly", "--month", "2026-11", "--format", "csv", "--database", path])
        #expect(plain.stdout.contains("totals,checkouts,count,7"))
        let site = dir.appendingPathComponent("site.toml")
        try Data("[store]\nsuppression_threshold = 10\n".utf8).write(to: site)
        let strict = try ReportToolRunner.run(
            "rfid-report", ["monthly", "--month", "2026-11", "--format", "csv", "--database", path, "--config", site.path])
        #expect(strict.status == 0)
        #expect(strict.stdout.contains("parameters,suppressionThreshold,,10"))
        #expect(strict.stdout.contains("totals,checkouts,count,suppressed"))
    }

    @Test("tags written by station come from the station activity store, suppressed like every count")
    func taggingActivityFromTheStationStore() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("circulation.sqlite").path
        try store(at: path, events: (0..<7).map { event(.checkout, day: "2026-11-02", hour: 9, item: "X\($0)") })
        let log = dir.appendingPathComponent("station.sqlite").path
        let activity = try SQLiteStationActivity(path: log, mode: .createIfMissing)
        for _ in 0..<6 { try activity.record(StationEvent(station: "desk-1", action: .tagged, day: "2026-11-03", hour: 10)) }
        for _ in 0..<2 { try activity.record(StationEvent(station: "desk-1", action: .scrubbed, day: "2026-11-04", hour: 11)) }
        for _ in 0..<3 { try activity.record(StationEvent(station: "desk-2", action: .tagged, day: "2026-11-05", hour: 12)) }
        for _ in 0..<20 { try activity.record(StationEvent(station: "desk-3", action: .tagged, day: "2026-11-06", hour: 13)) }
        try activity.record(StationEvent(station: "desk-2", action: .refused, rule: "patron-card", day: "2026-11-05", hour: 12))
        try activity.record(StationEvent(station: "desk-1", action: .tagged, day: "2026-12-01", hour: 9))
        let run = try RunTool.run(
            "rfid-report", ["monthly", "--month", "2026-11", "--format", "json", "--database", path],
            environment: ["LIBRARYRFID_STATION_LOG": log])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let table = try #require(doc["taggingActivity"] as? [String: Any])
        #expect(table["title"] as? String == "Tags written by station")
        let rows = try #require(table["rows"] as? [[String: Any]])
        func cell(_ station: String) -> Any? { (rows.first { $0["label"] as? String == station }?["cells"] as? [Any])?.first }
        #expect(cell("desk-3") as? Int == 20)
        #expect(cell("desk-2") is NSNull, "3 is below the threshold of 5: suppressed")
        #expect(cell("desk-1") is NSNull, "the complement that keeps desk-2 hidden from the total")
        // 6 tagged + 2 scrubbed at desk-1, 3 at desk-2, 20 at desk-3; December's tag and the
        // refusal are not tags written in November.
        #expect(table["columnTotals"] as? [Int] == [31])
        let none = try RunTool.run(
            "rfid-report", ["monthly", "--month", "2026-11", "--format", "csv", "--database", path],
            environment: ["LIBRARYRFID_STATION_LOG": dir.appendingPathComponent("none.sqlite").path])
        #expect(none.status == 0)
        #expect(!none.stdout.contains("desk-1"), "no activity store: the section is empty")
    }
}
