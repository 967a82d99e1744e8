import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import GRDB
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
    /// Waits for a lock (a killed run's WAL being recovered) instead of failing.
    static var patient: Configuration {
        var c = Configuration()
        c.busyMode = .timeout(10)
        return c
    }

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

    @Test("kill -9 while lines reported malformed are read again with the right format: every row still counted once")
    func killNineDuringReread() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build rfid-report first")
        let dir = TemporaryDirectory("crash")
        let rows = 30_000
        var text = "datetime,branch,value,type,other,itemnumber,itemtype,location,borrowernumber,ccode\r\n"
        for n in 0..<rows {
            text += "2026-03-\(String(format: "%02d", 1 + n % 28)) \(String(format: "%02d", n % 24)):\(String(format: "%02d", n % 60)):00,MAIN,0,issue,,\(n),BK,ADULT,,FIC\r\n"
        }
        let export = dir.write("statistics.csv", text)
        let db = dir.file("c.sqlite")
        let common = ["--database", db, "--today", "2026-04-02"]
        // First as SIP2: every line malformed, recorded by position.
        let first = try Self.run(["ingest", export, "--format", "sip2"] + common)
        first.waitUntilExit()
        #expect(first.terminationStatus == 65)
        /// Rows still recorded malformed (not the header, line 1), and transactions counted.
        func state() throws -> (recorded: Int, total: Int) {
            let queue = try DatabaseQueue(path: db, configuration: Self.patient)
            return try queue.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM ingested_malformed_lines WHERE line > 1") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT coalesce(sum(count), 0) FROM hourly_counters") ?? 0
                )
            }
        }
        #expect(try state() == (rows, 0))

        let arguments = ["ingest", export, "--format", "koha", "--batch-lines", "500"] + common
        var interrupted: [Int] = []
        var delay: useconds_t = 150_000
        for _ in 0..<12 {
            let process = try Self.run(arguments)
            usleep(delay)
            let killed = kill(process.processIdentifier, SIGKILL) == 0
            process.waitUntilExit()
            let now = try state()
            // Whatever was settled is counted, and nothing else: rows counted + rows still recorded.
            #expect(now.total + now.recorded == rows, "after a kill: \(now)")
            if killed && process.terminationReason == .uncaughtSignal && now.recorded > 0 { interrupted.append(now.recorded) }
            if now.recorded == 0 { break }
            delay = delay * 5 / 4
        }
        #expect(interrupted.contains { $0 > 0 && $0 < rows }, "no kill landed mid-re-read: \(interrupted)")

        let final = try Self.run(arguments)
        final.waitUntilExit()
        #expect(final.terminationStatus == 0)
        #expect(try state() == (0, rows))
    }
}
