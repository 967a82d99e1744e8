import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import Testing

/// Ingest writes each batch on a second thread while it parses the next one. These tests pin
/// what that must not change: batches land one at a time and in file order, and a store that
/// fails part-way stops the ingest with the store's error, leaving whole batches only, so that a
/// re-run counts every line exactly once.
@Suite("Ingest commits on a second thread")
struct CommitPipelineTests {
    /// The SQLite store, watched: it records each commit's offset, notes whether two commits
    /// ever overlapped, and can be told to fail one commit.
    final class WatchedStore: CirculationStoreMaintaining, @unchecked Sendable {
        let inner: SQLiteCirculationStore
        let failCommitNumber: Int?
        private let lock = NSLock()
        private var inFlight = 0
        private(set) var overlapped = false
        private(set) var committedOffsets: [Int] = []
        private var commits = 0

        init(_ inner: SQLiteCirculationStore, failCommitNumber: Int? = nil) {
            self.inner = inner
            self.failCommitNumber = failCommitNumber
        }

        func commit(
            _ batch: BatchAggregator, entry: LedgerEntry, previousOffset: Int, malformed: MalformedLineChanges,
            head: [UInt8], today: String
        ) throws(StoreError) -> LedgerEntry {
            let number: Int = lock.withLock {
                inFlight += 1
                if inFlight > 1 { overlapped = true }
                commits += 1
                return commits
            }
            defer { lock.withLock { inFlight -= 1 } }
            // Long enough that, if the ingest did not wait, the next batch would arrive meanwhile.
            usleep(20_000)
            if number == failCommitNumber {
                throw StoreError(.io, location: inner.path, "disk full (simulated)")
            }
            let saved = try inner.commit(
                batch, entry: entry, previousOffset: previousOffset, malformed: malformed, head: head, today: today)
            lock.withLock { committedOffsets.append(saved.committedOffset) }
            return saved
        }

        func ledgerEntry(matchingHead head: [UInt8]) throws(StoreError) -> LedgerEntry? {
            try inner.ledgerEntry(matchingHead: head)
        }
        func malformedLines(of entry: LedgerEntry) throws(StoreError) -> [MalformedLine] {
            try inner.malformedLines(of: entry)
        }

        func fingerprint(_ bytes: UnsafeRawBufferPointer) -> String { inner.fingerprint(bytes) }
        func purge(_ settings: SiteSettings, today: CivilDate) throws(StoreError) -> PurgeSummary {
            try inner.purge(settings, today: today)
        }
        func inventory(settings: SiteSettings?, today: CivilDate?) throws(StoreError) -> [TableInventory] {
            try inner.inventory(settings: settings, today: today)
        }
        func visitStoredValues(
            _ visit: (_ table: String, _ column: String, _ value: UnsafeRawBufferPointer) -> Void
        ) throws(StoreError) {
            try inner.visitStoredValues(visit)
        }
        var storageFiles: [String] { inner.storageFiles }
        func counters(month: String) throws(StoreError) -> [CounterRow] { try inner.counters(month: month) }
        func itemCounts(month: String) throws(StoreError) -> [ItemCount] { try inner.itemCounts(month: month) }
        func gateAlarms(month: String) throws(StoreError) -> [NamedCount] { try inner.gateAlarms(month: month) }
        func taggingActivity(month: String) throws(StoreError) -> [NamedCount] { try inner.taggingActivity(month: month) }
    }

    @Test("batches reach the store one at a time, in file order, and the totals are exact")
    func oneAtATimeInOrder() throws {
        let dir = TemporaryDirectory()
        let log = dir.file("sc.log")
        let expected = try SyntheticSIP2Log(StoreFixtures.smallLog()).write(toPath: log)
        let watched = WatchedStore(try SQLiteCirculationStore(path: dir.file("c.sqlite"), mode: .createIfMissing))
        let summary = try Ingestor(store: watched, options: StoreFixtures.options(batchLines: 500)) { _ in }
            .ingest(path: log)

        #expect(!watched.overlapped, "two batch commits ran at the same time")
        #expect(watched.committedOffsets.count >= expected.lines / 500)
        #expect(watched.committedOffsets == watched.committedOffsets.sorted(), "batches were committed out of file order")
        let size = try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int
        #expect(watched.committedOffsets.last == size)
        #expect(summary.lines == expected.lines)
        #expect(try StoreFixtures.counters(watched, month: "2026-03") == expected.counters(countingBadChecksums: true))
    }

    @Test("a store that fails part-way stops the ingest with its error; the re-run counts every line once")
    func failureMidwayThenRerun() throws {
        let dir = TemporaryDirectory()
        let log = dir.file("sc.log")
        let expected = try SyntheticSIP2Log(StoreFixtures.smallLog()).write(toPath: log)
        let db = dir.file("c.sqlite")
        let watched = WatchedStore(try SQLiteCirculationStore(path: db, mode: .createIfMissing), failCommitNumber: 3)

        var failure: IngestFailure?
        do {
            _ = try Ingestor(store: watched, options: StoreFixtures.options(batchLines: 500)) { _ in }.ingest(path: log)
        } catch {
            failure = error
        }
        guard case .store(let storeError) = failure else {
            Issue.record("expected the store's error, got \(String(describing: failure))")
            return
        }
        #expect(storeError.description.contains("disk full (simulated)"))
        // Only the two batches before the failed one are in the store: nothing after it landed.
        #expect(watched.committedOffsets.count == 2)

        let store = try SQLiteCirculationStore(path: db, mode: .mustExist)
        let rerun = try Ingestor(store: store, options: StoreFixtures.options(batchLines: 500)) { _ in }.ingest(path: log)
        #expect(rerun.resumedAfterLine == 1_000)
        #expect(try StoreFixtures.counters(store, month: "2026-03") == expected.counters(countingBadChecksums: true))
        #expect(
            try StoreFixtures.items(store, month: "2026-03")
                == expected.itemCounts(month: "2026-03", countingBadChecksums: true))
    }
}
