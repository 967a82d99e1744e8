import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import TestSupport
import Testing

@Suite("Privacy audit", .serialized)
struct PrivacyAuditTests {
    /// A store into which an older version (whose parsers kept any branch, location and item
    /// value) put patron data a misconfigured self-check sent in branch and location, and a card
    /// number as an item. Today's parsers withhold all of them, so the records are planted past them.
    func pollutedStore(_ db: TestStore) throws -> any CirculationStoreMaintaining {
        let store = try db.open()
        try PlantedRecords.plant(item: "X1", count: 1, day: "2026-03-01", location: "jane.doe@example.org", in: store)
        try PlantedRecords.plant(item: "X2", count: 1, day: "2026-03-01", branch: "Branch (617) 555-0123", in: store)
        try PlantedRecords.plant(item: "X3", count: 1, day: "2026-03-01", branch: "CARD-0042-SMITH", in: store)
        try PlantedRecords.plant(item: "21234567890124", count: 1, day: "2026-03-01", in: store)
        return store
    }

    @Test("patron-shaped values in tables and in the raw file bytes are findings, named by place only", arguments: StoreEngineKind.available)
    func findsPatternsAndIdentifiers(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory("audit")
        let db = try TestStore(engine, in: dir)
        let store = try pollutedStore(db)
        let report = try PrivacyAudit.run(
            store: store, settings: SiteSettings(), today: try #require(CivilDate("2026-03-20")),
            identifiers: [Array("CARD-0042-SMITH".utf8), Array("NOT-THERE-1".utf8), Array("ab".utf8)])
        let text = report.findings.map(\.description)
        #expect(text.contains("table item_monthly_counts, column item: 1 value(s) containing a patron-barcode-shaped number"))
        #expect(text.contains("table hourly_counters, column location: 1 value(s) containing a e-mail address"))
        #expect(text.contains("table hourly_counters, column branch: 1 value(s) containing a phone number"))
        #expect(text.contains("table hourly_counters, column branch: holds the identifier on line 1 of the identifiers"))
        #expect(!text.contains { $0.contains("line 2 of the identifiers") })
        if let path = db.sqlitePath {
            #expect(text.contains { $0.hasPrefix("file \(path)-wal, byte ") && $0.hasSuffix("e-mail address") })
        } else {
            // The server's files are its administrator's to audit: no raw scan, only the tables.
            #expect(report.filesScanned.isEmpty)
        }
        #expect(report.identifiersTooShort == [3])
        for line in text {
            for secret in ["21234567890124", "jane.doe", "555-0123", "SMITH"] { #expect(!line.contains(secret)) }
        }
    }

    @Test("a clean store within retention has no findings; an expired table is a finding", arguments: StoreEngineKind.available)
    func retention(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory("audit")
        let log = dir.file("sc.log")
        _ = try SyntheticSIP2Log(StoreFixtures.smallLog(transactions: 800)).write(toPath: log)
        let db = try TestStore(engine, in: dir)
        let store = try db.open()
        _ = try Ingestor(store: store, options: StoreFixtures.options()) { _ in }.ingest(path: log)
        let inTime = try PrivacyAudit.run(
            store: store, settings: SiteSettings(), today: try #require(CivilDate("2026-04-15")), identifiers: [])
        #expect(inTime.findings == [])
        #expect(inTime.inventory.first { $0.table == "hourly_counters" }?.oldest == "2026-03-01")
        let late = try PrivacyAudit.run(
            store: store, settings: SiteSettings(), today: try #require(CivilDate("2027-05-01")), identifiers: [])
        #expect(late.findings == [.retention(table: "item_monthly_counts", oldest: "2026-03", limit: "2026-04")])
    }

    @Test("rfid-report audit exits 77 on a finding and 0 on a clean store; identifiers come on stdin", arguments: StoreEngineKind.available)
    func command(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory("audit")
        let polluted = try TestStore(engine, in: dir)
        _ = try pollutedStore(polluted)
        func audit(_ db: TestStore, stdin: String) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = SharedFiles.productsDirectory.appendingPathComponent("rfid-report")
            process.arguments = [
                "audit", "--config", db.siteFile(in: dir), "--today", "2026-03-20", "--identifiers", "-",
            ]
            let input = Pipe()
            let out = Pipe()
            process.standardInput = input
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let (status, text) = try audit(polluted, stdin: "CARD-0042-SMITH\n")
        #expect(status == 77)
        #expect(text.contains("FINDING: table hourly_counters, column branch: holds the identifier on line 1"))
        #expect(!text.contains("SMITH"))

        let clean = TemporaryDirectory("audit")
        let log = clean.write("ok.log", "121YUY20260301    100000AOMAIN|AB31234000056789|\n")
        let cleanStore = try TestStore(engine, in: clean, name: "clean")
        let store = try cleanStore.open()
        _ = try Ingestor(store: store, options: StoreFixtures.options()) { _ in }.ingest(path: log)
        let (cleanStatus, cleanText) = try audit(cleanStore, stdin: "21234567890124\n")
        #expect(cleanStatus == 0)
        #expect(cleanText.contains("no personal data found"))
    }
}
