import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStorePostgres
import Foundation
import PostgresTestSupport
import Testing

/// Many writers at once on one PostgreSQL store: every branch's ingest jobs, each on its own
/// connection and thread, on the same and on overlapping files. Whatever the interleaving, each
/// line is counted once: the counters are adding upserts and the ledger is claimed atomically.
@Suite(.enabled(if: PostgresTestServer.enabled))
struct ConcurrentPostgresIngestTests {
    /// Runs `count` writers on threads of their own (not tasks: each blocks on its connection,
    /// and a cooperative pool of two threads would run only two at a time), all started at once.
    static func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let errors = ErrorBox()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for writer in 0..<count {
            done.enter()
            let thread = Thread {
                start.wait()
                do { try body(writer) } catch { errors.add("writer \(writer): \(error)") }
                done.leave()
            }
            thread.start()
        }
        for _ in 0..<count { start.signal() }
        done.wait()
        if let first = errors.all.first { throw StoreError(.io, location: "concurrent writers", first) }
    }

    @Test("8 writers ingesting the same files, copies and shorter copies in different orders count every line once")
    func eightWritersCountEachLineOnce() throws {
        let dir = TemporaryDirectory("pg-concurrent")
        let db = try TestStore(.postgres, in: dir)
        var files: [String] = []
        var expectedCounters: [EventDimensions: Int] = [:]
        var expectedItems: [String: Int] = [:]
        for seed in 0..<3 {
            var config = StoreFixtures.smallLog(seed: UInt64(40 + seed), transactions: 2_500)
            config.month = 3
            let path = dir.file("sc-\(seed).log")
            let expected = try SyntheticSIP2Log(config).write(toPath: path)
            files.append(path)
            expectedCounters.merge(expected.counters(countingBadChecksums: true), uniquingKeysWith: +)
            expectedItems.merge(expected.itemCounts(month: "2026-03", countingBadChecksums: true), uniquingKeysWith: +)
        }
        // The same content under other names: a copy, and an earlier, shorter copy (its first
        // half, cut at a line end), which is contained in the file and adds nothing.
        let data = try Data(contentsOf: URL(fileURLWithPath: files[0]))
        try data.write(to: URL(fileURLWithPath: dir.file("copy-of-0.log")))
        let half = data.prefix(data.count / 2)
        let cut = half.lastIndex(of: 10).map { half.prefix(through: $0) } ?? half
        try Data(cut).write(to: URL(fileURLWithPath: dir.file("earlier-0.log")))
        let all = files + [dir.file("copy-of-0.log"), dir.file("earlier-0.log")]
        // Migrate once first, so the writers race on the data, not on creating the tables
        // (which PostgresMigratorTests covers).
        _ = try db.open()

        let endpoint = try db.database!.endpoint()
        try Self.concurrently(8) { writer in
            let store = try PostgresCirculationStore(endpoint: endpoint, scope: .library(TestStore.library), mode: .createIfMissing)
            // Small batches: many commits, so the writers interleave and conflict.
            let ingestor = Ingestor(store: store, options: StoreFixtures.options(batchLines: 150)) { _ in }
            let order = (0..<all.count).map { all[($0 + writer) % all.count] }
            let files = writer.isMultiple(of: 2) ? order : order.reversed()
            for file in files {
                do throws(IngestFailure) {
                    _ = try ingestor.ingest(path: file)
                } catch {
                    // The shorter copy, when it comes after the grown file was counted, is
                    // refused as an earlier copy: nothing counted, as it should be.
                    guard case .file(let problem) = error, problem.reason.contains("earlier copy") else { throw error }
                }
            }
        }
        let store = try db.open(.mustExist)
        #expect(try StoreFixtures.counters(store, month: "2026-03") == expectedCounters)
        #expect(try StoreFixtures.items(store, month: "2026-03") == expectedItems)
        let ledger = try #require(try store.inventory(settings: nil, today: nil).first { $0.table == "ingested_files" })
        #expect(ledger.records == 3)
    }

    @Test("8 writers of different files add into the same counters exactly (adding upserts)")
    func eightWritersOfDifferentFilesAddUp() throws {
        let dir = TemporaryDirectory("pg-concurrent")
        let db = try TestStore(.postgres, in: dir)
        // Every file counts the same item in the same hour: all eight add into one counter row
        // and one item row at once.
        let files = (0..<8).map { writer in
            dir.write(
                "w\(writer).log",
                (0..<200).map { n in
                    "121YUY20260301    10\(String(format: "%02d%02d", writer * 5 + n / 60, n % 60))AOMAIN|AB33191000105864|"
                }.joined(separator: "\n") + "\n")
        }
        _ = try db.open()
        let endpoint = try db.database!.endpoint()
        try Self.concurrently(8) { writer in
            let store = try PostgresCirculationStore(endpoint: endpoint, scope: .library(TestStore.library), mode: .createIfMissing)
            let ingestor = Ingestor(store: store, options: StoreFixtures.options(batchLines: 10)) { _ in }
            do throws(IngestFailure) { _ = try ingestor.ingest(path: files[writer]) } catch { throw error }
        }
        let store = try db.open(.mustExist)
        #expect(try store.counters(month: "2026-03").map(\.count) == [1_600])
        #expect(try store.itemCounts(month: "2026-03") == [ItemCount(item: "33191000105864", count: 1_600)])
    }
}

/// Errors collected from several threads.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []

    func add(_ error: String) {
        lock.lock()
        errors.append(error)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return errors
    }
}
