import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import TestSupport
import Testing

/// Logs full of patron identifiers go in; afterwards no identifier may be found anywhere: not in
/// the database file, not in its WAL, not in anything the command printed.
@Suite("Patron data never reaches the store or the output", .serialized)
struct LeakTests {
    static func leakConfiguration() -> SyntheticSIP2Log.Configuration {
        var c = StoreFixtures.smallLog(seed: 2024, transactions: 6_000)
        c.patrons = 150
        c.noiseFraction = 0.8
        c.malformedFraction = 0.05
        c.badChecksumFraction = 0.05
        return c
    }

    @Test("the command's database, WAL, standard output and standard error hold no identifier")
    func commandLeavesNoTrace() throws {
        let dir = TemporaryDirectory("leak")
        let log = dir.file("sc.log")
        let expected = try SyntheticSIP2Log(Self.leakConfiguration()).write(toPath: log)
        let logBytes = try Data(contentsOf: URL(fileURLWithPath: log))
        let present = ByteSearch.found(expected.patronIdentifiers, in: logBytes)
        #expect(present.count > 600)  // the test means something only if the log is full of them

        let db = dir.file("c.sqlite")
        let site = dir.write("site.toml", "[store]\nkeep_raw_events = true\n")
        let process = Process()
        process.executableURL = SharedFiles.productsDirectory.appendingPathComponent("rfid-report")
        process.arguments = ["ingest", log, "--database", db, "--config", site, "--batch-lines", "997", "--today", "2026-04-02"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 65)
        #expect(stderr.count > 1_000)  // malformed lines and bad checksums were reported

        var scanned = [stdout, stderr]
        for suffix in ["", "-wal", "-journal", "-shm"] {
            if let bytes = FileManager.default.contents(atPath: db + suffix) { scanned.append(bytes) }
        }
        for bytes in scanned {
            #expect(ByteSearch.found(present, in: bytes) == [])
        }
    }

    @Test("while the store is open, its WAL holds no identifier either, and the audit agrees")
    func openStoreLeavesNoTrace() throws {
        let dir = TemporaryDirectory("leak")
        let log = dir.file("sc.log")
        let expected = try SyntheticSIP2Log(Self.leakConfiguration()).write(toPath: log)
        let db = dir.file("c.sqlite")
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        var settings = SiteSettings()
        settings.keepRawEvents = true
        var printed = ""
        _ = try Ingestor(store: store, options: StoreFixtures.options(settings: settings, batchLines: 333)) {
            printed += $0.description + "\n"
        }.ingest(path: log)
        let wal = try #require(FileManager.default.contents(atPath: db + "-wal"))
        #expect(wal.count > 0)
        let database = try #require(FileManager.default.contents(atPath: db))
        for bytes in [wal, database, Data(printed.utf8)] {
            #expect(ByteSearch.found(expected.patronIdentifiers, in: bytes) == [])
        }
        let report = try PrivacyAudit.run(
            store: store, settings: settings, today: try #require(CivilDate("2026-03-31")),
            identifiers: expected.patronIdentifiers.map { Array($0.utf8) })
        #expect(report.findings == [])
        #expect(report.filesScanned.map(\.path).contains(db + "-wal"))
    }
}
