import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStorePostgres
import Foundation
import PostgresNIO
import PostgresSupport
import PostgresTestSupport
import Testing

/// Purge on PostgreSQL: expired rows deleted, then every table rewritten (VACUUM FULL), so the
/// purged values are in none of the table's files any more. (WAL, replicas and backups are
/// beyond what a purge can reach: Docs/deployment.md says so.)
@Suite(.enabled(if: PostgresTestServer.enabled))
struct PostgresPurgeTests {
    /// The bytes of the files holding `table` (its main fork and segments), read as the test
    /// (root) can, and the files' paths.
    static func tableFiles(_ table: String, _ session: PostgresSession) throws -> (paths: [String], bytes: Data) {
        let (directory, relative) = try session.withConnection("locate") { link in
            try link.execute("CHECKPOINT")
            let directory = try link.query("SELECT current_setting('data_directory')").first!.decode(String.self)
            let relative = try link.query("SELECT pg_relation_filepath(\(table)::regclass)").first!.decode(String.self)
            return (directory, relative)
        }
        let base = directory + "/" + relative
        var paths: [String] = []
        var bytes = Data()
        for suffix in [""] + (1...20).map { ".\($0)" } {
            guard let data = FileManager.default.contents(atPath: base + suffix) else { continue }
            paths.append(base + suffix)
            bytes += data
        }
        return (paths, bytes)
    }

    @Test("expired rows are deleted per table and gone from the tables' files; the files that held them are removed")
    func purgeLeavesNothingInTheTables() throws {
        let dir = TemporaryDirectory("pg-purge")
        let db = try TestStore(.postgres, in: dir)
        var old = StoreFixtures.smallLog(seed: 11, transactions: 1_500)
        old.year = 2024
        old.month = 12
        var recent = StoreFixtures.smallLog(seed: 12, transactions: 1_500)
        recent.month = 3
        let oldExpected = try SyntheticSIP2Log(old).write(toPath: dir.file("2024-12.log"))
        let recentExpected = try SyntheticSIP2Log(recent).write(toPath: dir.file("2026-03.log"))
        var settings = SiteSettings()
        settings.keepRawEvents = true
        let store = try db.open()
        _ = try Ingestor(store: store, options: StoreFixtures.options(settings: settings, today: "2025-01-05")) { _ in }
            .ingest(path: dir.file("2024-12.log"))
        _ = try Ingestor(store: store, options: StoreFixtures.options(settings: settings)) { _ in }.ingest(path: dir.file("2026-03.log"))

        let oldItems = Set(oldExpected.itemCounts(month: "2024-12", countingBadChecksums: true).keys)
            .subtracting(recentExpected.itemCounts(month: "2026-03", countingBadChecksums: true).keys)
        #expect(oldItems.count > 100)
        let admin = try db.database!.session()
        defer { admin.close() }
        let itemsBefore = try Self.tableFiles("item_monthly_counts", admin)
        let rawBefore = try Self.tableFiles("raw_events", admin)
        #expect(ByteSearch.found(Array(oldItems), in: itemsBefore.bytes + rawBefore.bytes).count > 0)

        let summary = try store.purge(settings, today: try #require(CivilDate("2026-04-02")))
        #expect(summary.cutoffs.map(\.before) == ["2024-04-01", "2025-03", "2026-03-03", "2024-04-01", "2024-04-01"])
        #expect(summary.deleted.map(\.count)[1] == oldExpected.itemCounts(month: "2024-12", countingBadChecksums: true).count)
        #expect(try store.itemCounts(month: "2024-12") == [])
        #expect(try StoreFixtures.counters(store, month: "2024-12") == oldExpected.counters(countingBadChecksums: true))
        #expect(try StoreFixtures.items(store, month: "2026-03") == recentExpected.itemCounts(month: "2026-03", countingBadChecksums: true))

        let itemsAfter = try Self.tableFiles("item_monthly_counts", admin)
        let rawAfter = try Self.tableFiles("raw_events", admin)
        #expect(ByteSearch.found(Array(oldItems), in: itemsAfter.bytes + rawAfter.bytes) == [])
        // The rewritten tables are new files; the old ones are gone from the data directory.
        for path in itemsBefore.paths + rawBefore.paths { #expect(!FileManager.default.fileExists(atPath: path)) }
    }

    @Test("purge by a role that does not own the tables is refused before anything is deleted")
    func purgeNeedsTheOwner() throws {
        let dir = TemporaryDirectory("pg-purge")
        let db = try TestStore(.postgres, in: dir)
        let store = try db.open()
        try PlantedRecords.plant(item: "31234000056789", count: 5, day: "2024-01-02", in: store)
        let admin = try db.database!.session()
        defer { admin.close() }
        let role = "reader_\(UInt32.random(in: 0...UInt32.max))"
        try admin.withConnection("role") { link in
            try link.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN PASSWORD 'reader-pw'"))
            try link.execute(PostgresQuery(unsafeSQL: "GRANT SELECT, DELETE ON ALL TABLES IN SCHEMA public TO \(role)"))
        }
        defer {
            _ = try? admin.withConnection("drop") { link in
                try link.execute(PostgresQuery(unsafeSQL: "DROP OWNED BY \(role)"))
                try link.execute(PostgresQuery(unsafeSQL: "DROP ROLE \(role)"))
            }
        }
        let url = PostgresTestServer.url(db.database!.url, database: db.database!.name, user: role, password: "reader-pw")
        let asReader = try PostgresCirculationStore(endpoint: .parse(url), scope: .library(TestStore.library), mode: .mustExist)
        let error = #expect(throws: StoreError.self) {
            _ = try asReader.purge(SiteSettings(), today: try #require(CivilDate("2026-04-02")))
        }
        #expect(error?.description.contains("owns the store's tables") == true)
        #expect(try store.inventory(settings: nil, today: nil).first { $0.table == "hourly_counters" }?.records == 1)
    }
}
