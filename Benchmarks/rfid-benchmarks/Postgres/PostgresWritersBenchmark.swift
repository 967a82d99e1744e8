import ArgumentParser
import Foundation
import GateDetection
import GateEventStore
import GateEventStorePostgres
import GateEventStoreSQLite
import Histogram
import PostgresNIO
import PostgresSupport
import StationActivity
import StationActivityPostgres

/// A branch's gates and stations writing to one PostgreSQL database at once: records per second
/// of `writers` concurrent writers (half gate stores, half station stores, each with its own
/// connection, all adding to the same hours: the upserts contend), with each record's wall-clock
/// latency in an HDR histogram. Beside it, in the same run: one PostgreSQL gate writer alone, and
/// one SQLite gate store (a branch's default). Wall time, not CPU time: a record's cost here is
/// a round trip and a commit on the server.
struct PostgresWritersBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pg-writers",
        abstract: "Gate and station stores on PostgreSQL: 8 concurrent writers against 1 (and SQLite).",
        discussion: """
            Needs a server where the URL's role may create a database (a scratch one is made and dropped): \
            scripts/with-postgres --durable .build/release/rfid-benchmarks pg-writers (the URL defaults to \
            $LIBRARYRFID_TEST_POSTGRES_URL, which that script sets).
            """)

    @Option(help: ArgumentHelp("The server, as a role that may create databases.", valueName: "URL")) var database: String?
    @Option(help: "Concurrent writers (half gates, half stations).") var writers = 8
    @Option(help: "Records per writer.") var records = 2_000

    func run() throws {
        guard let url = database ?? ProcessInfo.processInfo.environment["LIBRARYRFID_TEST_POSTGRES_URL"] else {
            throw ValidationError("give --database, or run under scripts/with-postgres")
        }
        let server = try PostgresEndpoint.parse(url)
        let name = "libraryrfid_bench_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let admin = try PostgresSession(endpoint: server)
        defer { admin.close() }
        try admin.withConnection("create") { link in try link.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")) }
        defer {
            _ = try? admin.withConnection("drop") { link in try link.execute(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)")) }
        }
        var endpoint = server
        endpoint.database = name
        let settings = try admin.withConnection("read settings") { link in
            try link.query("SELECT current_setting('fsync') || ' / synchronous_commit ' || current_setting('synchronous_commit') || ' / ' || version()")
                .first?.decode(String.self) ?? ""
        }
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; server: fsync \(settings.prefix(80))")
        try PostgresGateEventStore(endpoint: endpoint, library: "bench").close()
        try PostgresStationActivity(endpoint: endpoint, library: "bench").close()

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pg-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sqlite = try SQLiteGateEventStore(path: directory + "/gate.sqlite", mode: .createIfMissing)
        report("baseline: 1 SQLite gate writer", try measure([Writer.gate(sqlite)]))
        let one = try PostgresGateEventStore(endpoint: endpoint, library: "bench")
        report("baseline: 1 PostgreSQL gate writer", try measure([Writer.gate(one)]))
        one.close()
        let many: [Writer] = try (0..<writers).map { n in
            n % 2 == 0
                ? .gate(try PostgresGateEventStore(endpoint: endpoint, library: "bench"))
                : .station(try PostgresStationActivity(endpoint: endpoint, library: "bench"))
        }
        report("\(writers) PostgreSQL writers (\(writers / 2 + writers % 2) gates, \(writers / 2) stations)", try measure(many))
        for case .gate(let store) in many { (store as? PostgresGateEventStore)?.close() }
        for case .station(let store) in many { store.close() }
    }

    enum Writer: Sendable {
        case gate(any GateEventStoring)
        case station(PostgresStationActivity)

        func write(_ i: Int) throws {
            switch self {
            case .gate(let store):
                let time = AlarmMinute(day: "2026-05-14", hour: i % 24, minute: i % 60)!
                _ = try store.record(StoredAlarm(time: time, gate: "gate-\(i % 4)", direction: i % 2 == 0 ? .out : .in, reason: .afi(7)))
            case .station(let store):
                try store.record(StationEvent(station: "desk-\(i % 4)", action: .tagged, day: "2026-05-14", hour: i % 24))
            }
        }
    }

    struct Result {
        var records: Int
        var seconds: Double
        var histogram: Histogram<UInt64>
        var failures: Int
    }

    /// Every writer on its own thread (the stores block), all started together.
    func measure(_ writers: [Writer]) throws -> Result {
        let merged = Merged()
        let group = DispatchGroup()
        let start = ContinuousClock.now
        for writer in writers {
            group.enter()
            let count = records
            Thread {
                defer { group.leave() }
                var local = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
                var failed = 0
                for i in 0..<count {
                    let begin = ContinuousClock.now
                    do { try writer.write(i) } catch { failed += 1 }
                    let (s, atto) = (ContinuousClock.now - begin).components
                    _ = local.record(UInt64(max(0, s * 1_000_000 + atto / 1_000_000_000_000)))
                }
                merged.add(local, failed: failed)
            }.start()
        }
        group.wait()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let (histogram, failures) = merged.result
        return Result(records: writers.count * records, seconds: seconds, histogram: histogram, failures: failures)
    }

    /// The writers' histograms and failures, added up as each writer finishes.
    final class Merged: @unchecked Sendable {
        private let lock = NSLock()
        private var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        private var failures = 0
        func add(_ other: Histogram<UInt64>, failed: Int) {
            lock.withLock {
                histogram.add(other)
                failures += failed
            }
        }
        var result: (Histogram<UInt64>, Int) { lock.withLock { (histogram, failures) } }
    }

    func report(_ name: String, _ r: Result) {
        func us(_ p: Double) -> String { "\(r.histogram.valueAtPercentile(p)) µs" }
        print(name)
        print(String(format: "  %d records in %.2f s: %.0f records/s%@", r.records, r.seconds, Double(r.records) / r.seconds,
                     r.failures > 0 ? " (\(r.failures) FAILED)" : ""))
        print("  latency p50 \(us(50))   p99 \(us(99))   p99.9 \(us(99.9))   max \(r.histogram.max) µs")
    }
}
