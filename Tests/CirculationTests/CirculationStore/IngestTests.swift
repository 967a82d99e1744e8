import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import Testing

@Suite("Ingest into the store")
struct IngestTests {
    func ingest(
        _ paths: [String], into db: String, _ options: IngestOptions = StoreFixtures.options()
    ) throws -> ([FileIngestSummary], [LineIssue], SQLiteCirculationStore) {
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        var issues: [LineIssue] = []
        let ingestor = Ingestor(store: store, options: options) { issues.append($0) }
        var summaries: [FileIngestSummary] = []
        for p in paths { summaries.append(try ingestor.ingest(path: p)) }
        return (summaries, issues, store)
    }

    @Test("a generated month is counted exactly: every counter, every item, every malformed line", arguments: StoreEngineKind.available)
    func exactCounts(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory()
        let log = dir.file("sc.log")
        let expected = try SyntheticSIP2Log(StoreFixtures.smallLog()).write(toPath: log)
        let db = try TestStore(engine, in: dir)
        let store = try db.open()
        var issues: [LineIssue] = []
        let ingestor = Ingestor(store: store, options: StoreFixtures.options()) { issues.append($0) }
        let summaries = [try ingestor.ingest(path: log)]
        // Ingesting it again counts nothing more.
        #expect(try ingestor.ingest(path: log).transactions == 0)
        #expect(try StoreFixtures.counters(store, month: "2026-03") == expected.counters(countingBadChecksums: true))
        #expect(try StoreFixtures.items(store, month: "2026-03") == expected.itemCounts(month: "2026-03", countingBadChecksums: true))
        #expect(summaries[0].malformed == expected.malformedLines)
        #expect(summaries[0].badChecksums == expected.badChecksumLines)
        #expect(summaries[0].lines == expected.lines)
        #expect(issues.count == 20)
        #expect(summaries[0].issuesNotShown == expected.malformedLines + expected.badChecksumLines - 20)
    }

    @Test("a transaction whose AB holds a card number or an e-mail address is counted; the value is stored nowhere")
    func personalDataInItemIsCountedWithoutTheItem() throws {
        let dir = TemporaryDirectory()
        let log = dir.write(
            "sc.log",
            """
            121YUY20260301    100000AOMAIN|AB23529000035676|CK001|
            121YUY20260301    100500AOMAIN|ABjane.doe@example.org|CK001|
            121YUY20260301    101000AOMAIN|AB33191000105864|CK001|

            """)
        let db = dir.file("c.sqlite")
        let (summaries, issues, store) = try ingest([log], into: db)
        #expect(summaries[0].transactions == 3)
        #expect(summaries[0].malformed == 0)
        #expect(summaries[0].itemsWithheld == 2)
        // A withheld item is a warning naming the file, the first line and the field, never the
        // value, once per file: the summary counts the rest.
        #expect(issues.map(\.line) == [1])
        #expect(issues.allSatisfy { $0.severity == .warning && $0.problem.field == "AB" && $0.file == log })
        let printed = issues.map(\.description).joined(separator: "\n") + summaries[0].description
        #expect(!printed.contains("23529000035676") && !printed.contains("jane.doe"))
        #expect(try store.counters(month: "2026-03").reduce(0) { $0 + $1.count } == 3)
        #expect(try StoreFixtures.items(store, month: "2026-03") == ["33191000105864": 1])
        for suffix in ["", "-wal"] {
            let bytes = try #require(FileManager.default.contents(atPath: db + suffix))
            #expect(ByteSearch.found(["23529000035676", "jane.doe@example.org"], in: bytes) == [])
        }
    }

    @Test("with badChecksums: skip, lines with a wrong checksum count nothing")
    func skipBadChecksums() throws {
        let dir = TemporaryDirectory()
        let log = dir.file("sc.log")
        let expected = try SyntheticSIP2Log(StoreFixtures.smallLog()).write(toPath: log)
        var settings = SiteSettings()
        settings.badChecksums = .skip
        let (summaries, _, store) = try ingest([log], into: dir.file("c.sqlite"), StoreFixtures.options(settings: settings))
        #expect(try StoreFixtures.counters(store, month: "2026-03") == expected.counters(countingBadChecksums: false))
        #expect(summaries[0].badChecksumsSkipped == expected.badChecksumLines)
    }

    @Test("ingesting the same file again, or a copy of it, counts nothing twice")
    func idempotent() throws {
        let dir = TemporaryDirectory()
        let log = dir.file("sc.log")
        let expected = try SyntheticSIP2Log(StoreFixtures.smallLog()).write(toPath: log)
        try FileManager.default.copyItem(atPath: log, toPath: dir.file("copy.log"))
        let (summaries, _, store) = try ingest([log, log, dir.file("copy.log")], into: dir.file("c.sqlite"))
        #expect(summaries[1].transactions == 0 && summaries[1].lines == 0)
        #expect(summaries[2].transactions == 0 && summaries[2].resumedAfterLine == expected.lines)
        #expect(try StoreFixtures.counters(store, month: "2026-03") == expected.counters(countingBadChecksums: true))
    }

    @Test("a file that has grown is counted from where the last run stopped")
    func grownFile() throws {
        let dir = TemporaryDirectory()
        let log = dir.file("sc.log")
        var first = StoreFixtures.smallLog(seed: 1, transactions: 300)
        first.month = 3
        let a = try SyntheticSIP2Log(first).write(toPath: log)
        let db = dir.file("c.sqlite")
        _ = try ingest([log], into: db)
        var second = StoreFixtures.smallLog(seed: 2, transactions: 5_000)
        second.month = 3
        let b = try SyntheticSIP2Log(second).write(toPath: log, append: true)
        let (summaries, _, store) = try ingest([log], into: db)
        #expect(summaries[0].resumedAfterLine == a.lines)
        #expect(summaries[0].lines == b.lines)
        let both = a.counters(countingBadChecksums: true).merging(b.counters(countingBadChecksums: true), uniquingKeysWith: +)
        #expect(try StoreFixtures.counters(store, month: "2026-03") == both)
    }

    @Test("a recognised file whose counted part changed, or that shrank, is refused and nothing is counted again")
    func changedFile() throws {
        let dir = TemporaryDirectory()
        let line = "121YUY20260301    100000AOMAIN|AB3123|\n"  // 39 bytes
        let lines = 3_000  // beyond the 64 KiB head that identifies a file
        let log = dir.write("sc.log", String(repeating: line, count: lines))
        let db = dir.file("c.sqlite")
        _ = try ingest([log], into: db)
        // Same head, one counted line near the end rewritten, more lines appended.
        let changed = String(repeating: line, count: lines - 2) + "941\n" + line + line
        _ = dir.write("sc.log", changed)
        #expect(throws: IngestFailure.self) { try ingest([log], into: db) }
        // Same head, but shorter than what was counted.
        _ = dir.write("sc.log", String(repeating: line, count: lines - 10))
        do {
            _ = try ingest([log], into: db)
            Issue.record("no error")
        } catch let IngestFailure.file(error) {
            #expect(error.exitStatus == .dataError)
            #expect(error.reason.contains("shorter than the \(lines * 39) bytes already counted"))
        }
        let store = try SQLiteCirculationStore(path: db, mode: .mustExist)
        #expect(try store.counters(month: "2026-03").map(\.count) == [lines])
    }

    @Test("an unfinished last line is left for the next run, then counted once")
    func unterminatedTail() throws {
        let dir = TemporaryDirectory()
        let line = "121YUY20260301    100000AOMAIN|AB33191000105864|"
        let log = dir.write("sc.log", line + "\n" + line)
        let db = dir.file("c.sqlite")
        let (s1, issues, _) = try ingest([log], into: db)
        #expect(s1[0].unterminatedTail)
        #expect(issues.map(\.description) == ["\(log):2: warning: the last line has no line end yet; it is left for the next ingest"])
        _ = dir.write("sc.log", line + "\n" + line + "\n")
        let (s2, _, store) = try ingest([log], into: db)
        #expect(s2[0].transactions == 1)
        #expect(try store.counters(month: "2026-03").map(\.count) == [2])
    }

    @Test("an unreadable file is a typed I/O error naming the file")
    func missingFile() throws {
        let dir = TemporaryDirectory()
        do {
            _ = try ingest([dir.file("nope.log")], into: dir.file("c.sqlite"))
            Issue.record("no error")
        } catch let IngestFailure.file(error) {
            #expect(error.exitStatus == .ioError)
            #expect(error.description.hasPrefix(dir.file("nope.log") + ": cannot open"))
        }
    }

    @Test("by default no per-transaction row is stored; a site can keep de-identified rows")
    func rawEvents() throws {
        let dir = TemporaryDirectory()
        let log = dir.file("sc.log")
        let expected = try SyntheticSIP2Log(StoreFixtures.smallLog(transactions: 500)).write(toPath: log)
        let (_, _, plain) = try ingest([log], into: dir.file("a.sqlite"))
        let inventory = try plain.inventory(settings: nil, today: nil)
        #expect(inventory.first { $0.table == "raw_events" }?.records == 0)
        var settings = SiteSettings()
        settings.keepRawEvents = true
        settings.rawEventsRetentionDays = 60  // the whole month is within it on the fixtures' today
        let (_, _, keeping) = try ingest([log], into: dir.file("b.sqlite"), StoreFixtures.options(settings: settings))
        let total = expected.counters(countingBadChecksums: true).values.reduce(0, +)
        #expect(try keeping.inventory(settings: nil, today: nil).first { $0.table == "raw_events" }?.records == total)
    }

    @Test("the store file and its directory are private to the service account")
    func permissions() throws {
        let dir = TemporaryDirectory()
        let log = dir.write("sc.log", "121YUY20260301    100000AOMAIN|AB3123|\n")
        let db = dir.file("store/c.sqlite")
        _ = try ingest([log], into: db)
        let attributes = try FileManager.default.attributesOfItem(atPath: db)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let dirAttributes = try FileManager.default.attributesOfItem(atPath: dir.file("store"))
        #expect((dirAttributes[.posixPermissions] as? Int) == 0o700)
    }
}
