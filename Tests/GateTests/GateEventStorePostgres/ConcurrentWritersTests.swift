import Foundation
import GateDetection
import GateEventStore
import GateEventStorePostgres
import PostgresTestSupport
import StationActivity
import StationActivityPostgres
import Testing

/// Eight writers at once, each with its own connection, as a branch's gates and stations are:
/// four gate stores and four station stores adding to the same hours. Every count comes out
/// exact: the upserts neither lose nor double an increment.
@Suite("Concurrent gate and station writers", .enabled(if: PostgresTestServer.enabled))
struct ConcurrentWritersTests {
    static let perWriter = 150

    @Test func eightWritersOnTheSameHoursCountExactly() throws {
        let db = try PostgresTestServer.freshDatabase()
        let endpoint = try db.endpoint()
        // The schema first, so the writers do not all migrate at once (they may; that is tested
        // by the migrator's own tests).
        try PostgresGateEventStore(endpoint: endpoint, library: "main").close()
        try PostgresStationActivity(endpoint: endpoint, library: "main").close()
        let gates = try (0..<4).map { _ in try PostgresGateEventStore(endpoint: endpoint, library: "main") }
        let stations = try (0..<4).map { _ in try PostgresStationActivity(endpoint: endpoint, library: "main") }
        defer {
            gates.forEach { $0.close() }
            stations.forEach { $0.close() }
        }
        let failures = FailureList()
        let group = DispatchGroup()
        let time = AlarmMinute(day: "2026-05-14", hour: 9, minute: 30)!
        for (n, gate) in gates.enumerated() {
            let thread = Thread {
                defer { group.leave() }
                for i in 0..<Self.perWriter {
                    // Two writers share each gate id; every writer alternates two directions.
                    let alarm = StoredAlarm(time: time, gate: "gate-\(n % 2)", direction: i % 2 == 0 ? .out : .in, reason: .afi(7))
                    do { _ = try gate.record(alarm) } catch { failures.add("\(error)") }
                }
            }
            group.enter()
            thread.start()
        }
        for (n, station) in stations.enumerated() {
            let thread = Thread {
                defer { group.leave() }
                for _ in 0..<Self.perWriter {
                    do { try station.record(StationEvent(station: "desk-\(n % 2)", action: .tagged, day: "2026-05-14", hour: 9)) } catch {
                        failures.add("\(error)")
                    }
                }
            }
            group.enter()
            thread.start()
        }
        #expect(group.wait(timeout: .now() + 300) == .success)
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
        let half = Self.perWriter  // two writers per gate id, half of each one's alarms per direction
        let counts = try gates[0].hourlyCounts()
        #expect(counts.map { "\($0.gate) \($0.direction.rawValue) \($0.count)" } == [
            "gate-0 in \(half)", "gate-0 out \(half)", "gate-1 in \(half)", "gate-1 out \(half)",
        ])
        let rows = try gates[0].alarms()
        #expect(rows.count == 4 * Self.perWriter)
        #expect(Set(rows.compactMap(\.id)).count == rows.count)
        #expect(try stations[0].counts(month: "2026-05").map { "\($0.station) \($0.count)" } == [
            "desk-0 \(2 * Self.perWriter)", "desk-1 \(2 * Self.perWriter)",
        ])
    }
}

/// Errors collected from several threads.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
