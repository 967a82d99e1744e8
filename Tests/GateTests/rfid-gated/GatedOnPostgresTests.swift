import Foundation
import GateDetection
import GateEventStore
import GateEventStorePostgres
import PostgresNIO
import PostgresSupport
import PostgresTestSupport
import Testing

/// The daemon with its store in PostgreSQL losing the database mid-run: every alarm it said it
/// stored is in the database, every one it could not store is logged "alarm not stored", and
/// storing resumes once the database is back, without restarting the daemon.
@Suite("rfid-gated on PostgreSQL", .enabled(if: PostgresTestServer.enabled))
struct GatedOnPostgresTests {
    @Test func aLostDatabaseIsLoggedPerAlarmAndStoringResumes() throws {
        let db = try PostgresTestServer.freshDatabase()
        let site = try GateSite()
        defer { site.remove() }
        let tag = "E004010000000A01"
        let emulator = try EmulatorProcess(
            directory: site.directory, tags: [.item(tag, afi: 0x07)], timeline: "0.3 enter \(tag)\n9.0 leave \(tag)\n")
        let config = try site.write(
            gates: ["id = \"north\"\nreader = \"\(emulator.address)\"\ndebounce = \"500ms\"\n"],
            extra: "[site]\nid = \"main\"\n[store]\ndatabase = \"\(db.url)\"\n")
        let daemon = try DaemonProcess(config: config, arguments: ["--for", "9s"])
        #expect(daemon.waitFor("alarm stored", within: .seconds(20)), "\(daemon.output)")
        let server = try PostgresSession(endpoint: PostgresEndpoint.parse(PostgresTestServer.requiredURL()))
        defer { server.close() }
        let away = db.name + "_away"
        // Renaming needs no connection to the database; the daemon may connect again in between.
        var renamed = false
        for _ in 0..<20 where !renamed {
            do {
                try server.withConnection("take the database away") { link in
                    try link.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(db.name)")
                    try link.execute(PostgresQuery(unsafeSQL: "ALTER DATABASE \"\(db.name)\" RENAME TO \"\(away)\""))
                }
                renamed = true
            } catch {
                usleep(50_000)
            }
        }
        try #require(renamed)
        #expect(daemon.waitFor("alarm not stored", within: .seconds(10)), "\(daemon.output)")
        try server.withConnection("bring it back") { link in
            try link.execute(PostgresQuery(unsafeSQL: "ALTER DATABASE \"\(away)\" RENAME TO \"\(db.name)\""))
        }
        #expect(daemon.waitForExit() == 0, "\(daemon.output)")
        let output = daemon.output
        let lastFailure = try #require(output.range(of: "alarm not stored", options: .backwards))
        #expect(output[lastFailure.upperBound...].contains("alarm stored"), "storing did not resume: \(output)")
        let store = try PostgresGateEventStore(endpoint: db.endpoint(), library: "main")
        defer { store.close() }
        let rows = try store.alarms()
        #expect(Set(rows.compactMap(\.id)) == daemon.reportedRows, "\(output)")
        #expect(try store.hourlyCounts().map(\.count).reduce(0, +) == rows.count)
        #expect(!output.contains(tag))
        let password = try #require(URLComponents(string: db.url)?.password)
        #expect(!output.contains(password), "the database password is logged")
    }
}
