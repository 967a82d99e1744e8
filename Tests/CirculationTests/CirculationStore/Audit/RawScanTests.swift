@testable import CirculationStore
import CirculationFixtures
import CirculationLog
import CirculationStoreSQLite
import Foundation
import Testing

/// The audit's byte scan of the database file and its WAL sees a card number where SQLite
/// actually writes it: in `item_monthly_counts` right after the month's text and right before
/// the count, with no separator on either side. A clean store still gives no finding.
@Suite("Audit raw scan of store pages", .serialized)
struct RawScanTests {
    static let card = "23529000035676"  // the shared vectors' valid patron card number
    static let today = CivilDate("2026-03-20")

    /// Offsets of `kind` findings in `file`.
    static func offsets(_ report: PrivacyAudit.Report, file: String, kind: PatronPatternKind) -> [Int] {
        report.findings.compactMap {
            if case .patternInFile(file, let offset, kind) = $0 { return offset }
            return nil
        }
    }

    /// Counts of 1 (stored in no byte), 50 (one byte: ASCII "2") and 300 (two bytes, 0x01 0x2C).
    @Test("a card number planted as an item is found in the WAL, and in the database file after a checkpoint",
        arguments: [1, 50, 300])
    func plantedCardNumberIsFound(count: Int) throws {
        let dir = TemporaryDirectory("rawscan")
        let db = dir.file("c.sqlite")
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        try PlantedRecords.plant(item: Self.card, count: count, in: store)
        let today = try #require(Self.today)

        // The layout the scan must see through: month, item and (for 50) the count byte, adjacent.
        let wal = try #require(FileManager.default.contents(atPath: db + "-wal"))
        let adjacent = Data(("2026-03" + Self.card + (count == 50 ? "2" : "")).utf8)
        #expect(wal.range(of: adjacent) != nil)

        let open = try PrivacyAudit.run(store: store, settings: SiteSettings(), today: today, identifiers: [])
        let inWAL = Self.offsets(open, file: db + "-wal", kind: .patronBarcode)
        #expect(!inWAL.isEmpty)
        for offset in inWAL { #expect(wal.subdata(in: offset..<(offset + 14)) == Data(Self.card.utf8)) }

        // Purge with nothing expired still checkpoints and rebuilds: the record moves to the file.
        _ = try store.purge(SiteSettings(), today: today)
        let file = try #require(FileManager.default.contents(atPath: db))
        let checkpointed = try PrivacyAudit.run(store: store, settings: SiteSettings(), today: today, identifiers: [])
        let inFile = Self.offsets(checkpointed, file: db, kind: .patronBarcode)
        #expect(!inFile.isEmpty)
        for offset in inFile { #expect(file.subdata(in: offset..<(offset + 14)) == Data(Self.card.utf8)) }
        #expect(checkpointed.findings.allSatisfy { !$0.description.contains(Self.card) })
    }

    @Test("a store of the generator's item barcodes, counted up to hundreds of times, has no finding open or checkpointed")
    func cleanStoreHasNoFinding() throws {
        let dir = TemporaryDirectory("rawscan")
        let log = dir.file("sc.log")
        var configuration = StoreFixtures.smallLog(seed: 11, transactions: 4_000)
        configuration.items = 100  // few items, so that many counts are 2-127 and stored in one byte
        _ = try SyntheticSIP2Log(configuration).write(toPath: log)
        let db = dir.file("c.sqlite")
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        var settings = SiteSettings()
        settings.keepRawEvents = true
        _ = try Ingestor(store: store, options: StoreFixtures.options(settings: settings)) { _ in }.ingest(path: log)

        // The store must hold what the allowances are about: counts whose byte is an ASCII digit.
        let counts = try StoreFixtures.items(store, month: "2026-03")
        #expect(counts.values.contains { (48...57).contains($0) })
        #expect(counts.keys.allSatisfy { $0.hasPrefix("3") && $0.utf8.count == 14 })

        let today = try #require(Self.today)
        let open = try PrivacyAudit.run(store: store, settings: settings, today: today, identifiers: [])
        #expect(open.findings == [])
        #expect(open.filesScanned.map(\.path).contains(db + "-wal"))
        _ = try store.purge(settings, today: today)
        #expect(try PrivacyAudit.run(store: store, settings: settings, today: today, identifiers: []).findings == [])
    }
}
