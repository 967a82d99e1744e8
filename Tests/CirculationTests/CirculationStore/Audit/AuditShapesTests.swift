import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import GRDB
import Testing

@Suite("Audit finds what a person would look for", .serialized)
struct AuditShapesTests {
    func findings(planting values: [String], integer: Int64? = nil) throws -> [String] {
        let dir = TemporaryDirectory("audit")
        let db = dir.file("c.sqlite")
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        for (n, value) in values.enumerated() {
            try PlantedRecords.plant(item: "X\(n)", count: 1, day: "2026-03-01", branch: value, in: store)
        }
        if let integer {
            try DatabaseQueue(path: db).write { db in
                try db.execute(sql: "CREATE TABLE exported (card INTEGER)")
                try db.execute(sql: "INSERT INTO exported VALUES (?)", arguments: [integer])
            }
        }
        let report = try PrivacyAudit.run(
            store: store, settings: SiteSettings(), today: try #require(CivilDate("2026-03-20")), identifiers: [])
        return report.findings.map(\.description)
    }

    @Test("card numbers with any check digit, spaces, dashes or a prefix digit are found in table values", arguments: [
        "21234567890125", "2 1234 56789 0124", "2-1234-56789-0124", "021234567890124",
    ])
    func cardShapes(value: String) throws {
        let text = try findings(planting: [value])
        #expect(text.contains("table hourly_counters, column branch: 1 value(s) containing a patron-barcode-shaped number"))
        #expect(!text.joined().contains(value))
    }

    @Test("phone numbers written with spaces, and international ones, are found", arguments: ["617 555 0177", "+44 20 7946 0958"])
    func phoneShapes(value: String) throws {
        let text = try findings(planting: [value])
        #expect(text.contains("table hourly_counters, column branch: 1 value(s) containing a phone number"))
    }

    @Test("a card number stored as an integer is found")
    func integerCard() throws {
        let text = try findings(planting: [], integer: 21_234_567_890_124)
        #expect(text.contains("table exported, column card: 1 value(s) containing a patron-barcode-shaped number"))
    }

    @Test("a clean store built from ordinary logs has no finding")
    func cleanStore() throws {
        let dir = TemporaryDirectory("audit")
        let log = dir.file("sc.log")
        _ = try SyntheticSIP2Log(StoreFixtures.smallLog(transactions: 3_000)).write(toPath: log)
        let store = try SQLiteCirculationStore(path: dir.file("c.sqlite"), mode: .createIfMissing)
        _ = try Ingestor(store: store, options: StoreFixtures.options()) { _ in }.ingest(path: log)
        let report = try PrivacyAudit.run(
            store: store, settings: SiteSettings(), today: try #require(CivilDate("2026-04-02")), identifiers: [])
        #expect(report.findings.map(\.description) == [])
    }
}
