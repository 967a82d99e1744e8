import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import GRDB
import Testing

@Suite("Exact counts under every input")
struct ExactCountTests {
    static let item = "33191000105864"

    func ingest(_ paths: [String], into db: TestStore, today: String = "2026-04-02") throws -> [FileIngestSummary] {
        let store = try db.open()
        let ingestor = Ingestor(store: store, options: StoreFixtures.options(today: today)) { _ in }
        return try paths.map { try ingestor.ingest(path: $0) }
    }

    func total(_ db: TestStore, month: String = "2026-03") throws -> Int {
        try db.open(.mustExist).counters(month: month).reduce(0) { $0 + $1.count }
    }

    /// `count` checkouts, one a minute from 10:00 on 2026-03-01, each line distinct.
    static func lines(_ count: Int) -> [String] {
        (0..<count).map { n in
            let time = String(format: "%02d%02d%02d", 10 + n / 3600, (n / 60) % 60, n % 60)
            return "121YUY20260301    \(time)AOMAIN|AB\(item)|"
        }
    }

    @Test("a shorter earlier copy ingested after the grown file counts nothing (300 lines, then its first 300 of 450)", arguments: StoreEngineKind.available)
    func shorterEarlierCopy(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory()
        let all = Self.lines(450)
        let grown = dir.write("sc.log", all.joined(separator: "\n") + "\n")
        let earlier = dir.write("sc.log.1", all.prefix(300).joined(separator: "\n") + "\n")
        let db = try TestStore(engine, in: dir)
        _ = try ingest([grown], into: db)
        #expect(try total(db) == 450)
        do {
            _ = try ingest([earlier], into: db)
            Issue.record("the earlier copy was not recognised")
        } catch let IngestFailure.file(error) {
            #expect(error.exitStatus == .dataError)
            #expect(error.reason.contains("an earlier copy"))
        }
        #expect(try total(db) == 450)
    }

    @Test("a grown file after its shorter copy counts only the new lines", arguments: StoreEngineKind.available)
    func grownAfterShorter(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory()
        let all = Self.lines(450)
        let earlier = dir.write("a.log", all.prefix(300).joined(separator: "\n") + "\n")
        let grown = dir.write("b.log", all.joined(separator: "\n") + "\n")
        let db = try TestStore(engine, in: dir)
        let summaries = try ingest([earlier, grown], into: db)
        #expect(summaries.map(\.transactions) == [300, 150])
        #expect(try total(db) == 450)
    }

    @Test("a response resent after a 97 (same message, same sequence number) counts once", arguments: StoreEngineKind.available)
    func resentAfter97(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory()
        let body = "121YUY20260301    100000AOMAIN|AB\(Self.item)|AY3AZ"
        let response = body + SIP2Checksum.text(of: Array(body.utf8))
        let other = "121YUY20260301    100500AOMAIN|AB\(Self.item)|AY4AZ"
        let log = dir.write(
            "sc.log",
            [
                "2026-03-01T10:00:00 " + response, "2026-03-01T10:00:01 97", "2026-03-01T10:00:02 " + response,
                // The same message again without a 97 before it is a new transaction.
                "2026-03-01T10:00:03 " + response,
                "2026-03-01T10:05:00 " + other + SIP2Checksum.text(of: Array(other.utf8)),
            ].joined(separator: "\n") + "\n")
        let db = try TestStore(engine, in: dir)
        let summary = try ingest([log], into: db)[0]
        #expect(summary.resent == 1)
        #expect(summary.transactions == 3)
        #expect(try total(db) == 3)
    }

    @Test("transactions older than the counters' retention are counted as expired and never stored", arguments: StoreEngineKind.available)
    func expiredAtIngest(engine: StoreEngineKind) throws {
        let dir = TemporaryDirectory()
        let log = dir.write(
            "sc.log",
            """
            121YUY20230301    100000AOMAIN|AB\(Self.item)|
            121YUY20260301    100000AOMAIN|AB\(Self.item)|

            """)
        let db = try TestStore(engine, in: dir)
        let summary = try ingest([log], into: db)[0]
        #expect(summary.expired == 1)
        #expect(summary.transactions == 1)
        #expect(summary.description.contains("1 older than the retention period (expired, not stored)"))
        #expect(try total(db, month: "2023-03") == 0)
        let store = try db.open(.mustExist)
        #expect(try store.inventory(settings: nil, today: nil).first { $0.table == "hourly_counters" }?.oldest == "2026-03-01")
    }

    @Test("a count SQLite could not hold as an integer makes reading the store a damaged-store error, not a crash")
    func overflowingCount() throws {
        let dir = TemporaryDirectory()
        let log = dir.write("sc.log", Self.lines(1)[0] + "\n")
        let testStore = try TestStore(.sqlite, in: dir)
        let db = try #require(testStore.sqlitePath)
        _ = try ingest([log], into: testStore)
        // As `count + excluded.count` past Int64.max leaves it: a floating-point value.
        let queue = try DatabaseQueue(path: db)
        try queue.write { try $0.execute(sql: "UPDATE hourly_counters SET count = 9223372036854775807 + 1") }
        let store = try SQLiteCirculationStore(path: db, mode: .mustExist)
        #expect(throws: StoreError.self) { _ = try store.counters(month: "2026-03") }
        do { _ = try store.counters(month: "2026-03") } catch { #expect(error.exitStatus == .dataError) }
    }
}
