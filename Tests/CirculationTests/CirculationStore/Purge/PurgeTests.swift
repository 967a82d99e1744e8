import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import Testing

@Suite("Purge", .serialized)
struct PurgeTests {
    @Test("expired records are deleted per table, and their bytes are gone from the file and the WAL")
    func purgeLeavesNothing() throws {
        let dir = TemporaryDirectory("purge")
        var old = StoreFixtures.smallLog(seed: 11, transactions: 1_500)
        old.year = 2024
        old.month = 12
        var recent = StoreFixtures.smallLog(seed: 12, transactions: 1_500)
        recent.month = 3
        let oldLog = dir.file("2024-12.log")
        let recentLog = dir.file("2026-03.log")
        let oldExpected = try SyntheticSIP2Log(old).write(toPath: oldLog)
        let recentExpected = try SyntheticSIP2Log(recent).write(toPath: recentLog)
        let db = dir.file("c.sqlite")
        var settings = SiteSettings()
        settings.keepRawEvents = true
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        // The old month was ingested when it was recent (data already expired is never stored).
        let then = Ingestor(store: store, options: StoreFixtures.options(settings: settings, today: "2025-01-05")) { _ in }
        _ = try then.ingest(path: oldLog)
        let ingestor = Ingestor(store: store, options: StoreFixtures.options(settings: settings)) { _ in }
        _ = try ingestor.ingest(path: recentLog)

        // Items only the old month circulated: after purge, no trace of them may remain.
        let oldItems = Set(oldExpected.itemCounts(month: "2024-12", countingBadChecksums: true).keys)
            .subtracting(recentExpected.itemCounts(month: "2026-03", countingBadChecksums: true).keys)
        #expect(oldItems.count > 100)
        let before = try #require(FileManager.default.contents(atPath: db + "-wal"))
            + (FileManager.default.contents(atPath: db) ?? Data())
        #expect(ByteSearch.found(Array(oldItems), in: before).count > 0)

        let summary = try store.purge(settings, today: try #require(CivilDate("2026-04-02")))
        #expect(summary.cutoffs.map(\.before) == ["2024-04-01", "2025-03", "2026-03-03", "2024-04-01", "2024-04-01"])
        #expect(summary.deleted.map(\.count)[1] == oldExpected.itemCounts(month: "2024-12", countingBadChecksums: true).count)
        #expect(try store.itemCounts(month: "2024-12") == [])
        // Counters are kept 24 months: December 2024 stays.
        #expect(try StoreFixtures.counters(store, month: "2024-12") == oldExpected.counters(countingBadChecksums: true))
        let inventory = try store.inventory(settings: settings, today: CivilDate("2026-04-02"))
        let raw = try #require(inventory.first { $0.table == "raw_events" })
        #expect(raw.oldest >= "2026-03-03")

        var after = FileManager.default.contents(atPath: db) ?? Data()
        after += FileManager.default.contents(atPath: db + "-wal") ?? Data()
        after += FileManager.default.contents(atPath: db + "-journal") ?? Data()
        #expect(ByteSearch.found(Array(oldItems), in: after) == [])
        #expect((FileManager.default.contents(atPath: db + "-wal") ?? Data()).isEmpty)
    }
}
