import Foundation
import GateDetection
import GateEventStore
import GateEventStorePostgres
import PostgresNIO
import PostgresSupport
import PostgresTestSupport
import Testing

/// What only the PostgreSQL gate store does: one database for a network's gates, kept apart by
/// library; a lost connection that never loses an alarm silently.
@Suite("PostgreSQL gate event store", .enabled(if: PostgresTestServer.enabled))
struct PostgresGateEventStoreTests {
    let time = AlarmMinute(day: "2026-05-14", hour: 9, minute: 30)!

    @Test func librariesShareTheDatabaseAndSeeOnlyTheirOwnRows() throws {
        let db = try PostgresTestServer.freshDatabase()
        let north = try PostgresGateEventStore(endpoint: db.endpoint(), library: "north")
        let south = try PostgresGateEventStore(endpoint: db.endpoint(), library: "south")
        defer { north.close(); south.close() }
        _ = try north.record(StoredAlarm(time: time, gate: "door", direction: .out, reason: .afi(7)))
        _ = try south.record(StoredAlarm(time: time, gate: "door", direction: .out, reason: .afi(7)))
        _ = try south.record(StoredAlarm(time: time, gate: "door", direction: .out, reason: .afi(7)))
        #expect(try north.alarms().count == 1)
        #expect(try south.hourlyCounts().map(\.count) == [2])
        #expect(try north.alarmsByGate(month: "2026-05") == [GateAlarmTotal(gate: "door", count: 1)])
        // A purge of one library leaves the other's rows.
        #expect(try north.purgeAlarms(before: "2026-06-01") == 1)
        #expect(try south.alarms().count == 2)
        // The network's reader names gates by library.
        let network = try PostgresGateEventStore(endpoint: db.endpoint(), library: nil)
        defer { network.close() }
        #expect(
            try network.alarmsByGate(month: "2026-05") == [
                GateAlarmTotal(gate: "north/door", count: 1), GateAlarmTotal(gate: "south/door", count: 2),
            ])
        #expect(throws: GateStoreError.self) { try network.record(StoredAlarm(time: time, gate: "door", direction: .in, reason: .eas)) }
    }

    /// The connection is killed by the server between two alarms: the next `record` connects
    /// again and stores the alarm once.
    @Test func aKilledConnectionIsOpenedAgainAndTheAlarmStoredOnce() throws {
        let db = try PostgresTestServer.freshDatabase()
        let store = try PostgresGateEventStore(endpoint: db.endpoint(), library: "main")
        defer { store.close() }
        let admin = try db.session()
        defer { admin.close() }
        _ = try store.record(StoredAlarm(time: time, gate: "door", direction: .out, reason: .afi(7)))
        for _ in 0..<3 {
            let killed = try admin.withConnection("kill") { link in
                try link.query(
                    """
                    SELECT count(pg_terminate_backend(pid))::bigint FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()
                    """
                ).first?.decode(Int.self) ?? 0
            }
            #expect(killed == 1)
            usleep(100_000)
            _ = try store.record(StoredAlarm(time: time, gate: "door", direction: .out, reason: .afi(7)))
        }
        #expect(try store.alarms().count == 4)
        #expect(try store.hourlyCounts().map(\.count) == [4])
    }

    /// With the database gone (renamed away, as when the server is unreachable), `record` throws:
    /// the daemon logs "alarm not stored" rather than "stored"; nothing is half-written, and once
    /// the database is back the next alarm is stored.
    @Test func aLostDatabaseMakesRecordFailLoudlyAndItRecoversAfterwards() throws {
        let db = try PostgresTestServer.freshDatabase()
        let store = try PostgresGateEventStore(endpoint: db.endpoint(), library: "main")
        defer { store.close() }
        _ = try store.record(StoredAlarm(time: time, gate: "door", direction: .out, reason: .afi(7)))
        let server = try PostgresSession(endpoint: PostgresEndpoint.parse(PostgresTestServer.requiredURL()))
        defer { server.close() }
        let away = db.name + "_away"
        // A database is renamed only with no connection to it: the store's is ended first.
        try server.withConnection("rename") { link in
            try link.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(db.name)")
            usleep(100_000)
            try link.execute(PostgresQuery(unsafeSQL: "ALTER DATABASE \"\(db.name)\" RENAME TO \"\(away)\""))
        }
        let error = #expect(throws: GateStoreError.self) {
            try store.record(StoredAlarm(time: time, gate: "door", direction: .in, reason: .afi(7)))
        }
        #expect(error?.exitStatus.rawValue == 74)
        #expect(!(error?.description.contains("password") ?? true))
        try server.withConnection("rename back") { link in
            try link.execute(PostgresQuery(unsafeSQL: "ALTER DATABASE \"\(away)\" RENAME TO \"\(db.name)\""))
        }
        _ = try store.record(StoredAlarm(time: time, gate: "door", direction: .out, reason: .afi(7)))
        #expect(try store.alarms().map(\.direction) == [.out, .out])
        #expect(try store.hourlyCounts().map(\.count) == [2])
    }

    @Test func aRoleThatMayNotCreateTablesIsToldToRunSetup() throws {
        let db = try PostgresTestServer.freshDatabase()
        let login = "t_nosetup_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let admin = try db.session()
        defer { admin.close() }
        try admin.withConnection("create a login") { link in
            try link.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \(login) LOGIN PASSWORD 'pw-\(login)'"))
        }
        defer { _ = try? admin.withConnection("drop") { link in try link.execute(PostgresQuery(unsafeSQL: "DROP ROLE \(login)")) } }
        let url = PostgresTestServer.url(db.url, database: db.name, user: login, password: "pw-\(login)")
        let error = #expect(throws: GateStoreError.self) {
            try PostgresGateEventStore(endpoint: PostgresEndpoint.parse(url), library: "main")
        }
        #expect(error?.description.contains("rfid-report database setup") == true)
    }
}
