import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The ingest command is killed with SIGKILL at arbitrary moments, mid-batch or mid-commit;
/// a final run must then leave exactly the generator's counts: nothing lost, nothing twice.
@Suite("Crash safety of ingest", .serialized)
struct CrashSafetyTests {
    static var binary: String { SharedFiles.productsDirectory.appendingPathComponent("rfid-report").path }

    static func run(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("kill -9 during ingest, again and again, then a re-run: exact totals")
    func killNineThenResume() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build rfid-report first")
        let dir = TemporaryDirectory("crash")
        let log = dir.file("sc.log")
        let expected = try SyntheticSIP2Log(StoreFixtures.smallLog(seed: 99, transactions: 40_000)).write(toPath: log)
        let size = try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int ?? 0
        let head = Array(try Data(contentsOf: URL(fileURLWithPath: log)).prefix(IngestLedger.headLimit))
        let db = dir.file("c.sqlite")
        let arguments = ["ingest", log, "--database", db, "--batch-lines", "700", "--today", "2026-04-02"]

        var offsets: [Int] = []
        var delay: useconds_t = 150_000
        for _ in 0..<12 {
            let process = try Self.run(arguments)
            usleep(delay)
            let killed = kill(process.processIdentifier, SIGKILL) == 0
            process.waitUntilExit()
            let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
            let offset = try store.ledgerEntry(matchingHead: head)?.committedOffset ?? 0
            if killed && process.terminationReason == .uncaughtSignal && offset < size { offsets.append(offset) }
            if offset == size { break }
            delay = delay * 5 / 4
        }
        // The kills must really have interrupted the ingest part-way through.
        #expect(offsets.contains { $0 > 0 && $0 < size }, "no kill landed mid-file: \(offsets) of \(size)")

        let final = try Self.run(arguments)
        final.waitUntilExit()
        // 65 when the rest of the file still held malformed lines (reported and skipped), else 0.
        #expect([0, 65].contains(final.terminationStatus))
        #expect(final.terminationReason == .exit)
        let store = try SQLiteCirculationStore(path: db, mode: .mustExist)
        #expect(try StoreFixtures.counters(store, month: "2026-03") == expected.counters(countingBadChecksums: true))
        #expect(
            try StoreFixtures.items(store, month: "2026-03")
                == expected.itemCounts(month: "2026-03", countingBadChecksums: true))
        #expect(try store.ledgerEntry(matchingHead: head)?.committedOffset == size)
    }
}
