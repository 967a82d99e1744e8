import CirculationStorePostgres
import DatabaseRoles
import Foundation
import GateDetection
import GateEventStore
import GateEventStorePostgres
import PostgresNIO
import PostgresSupport
import PostgresTestSupport
import StationActivity
import StationActivityPostgres
import TestSupport
import Testing

/// The least-privilege roles, exercised by logging in as each: what `rfid-report database setup`
/// grants is all a gate, station, ingest or report login can do. Group roles are the server's,
/// not a database's, so every test that runs the setup is in this one serialized suite.
@Suite("Least-privilege roles", .serialized, .enabled(if: PostgresTestServer.enabled))
final class DatabaseRolesTests {
    let db: PostgresTestDatabase
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    let passwords = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)").path
    let time = AlarmMinute(day: "2026-05-14", hour: 9, minute: 30)!

    var gateLogin: String { "t_gate_" + suffix }
    var otherGateLogin: String { "t_gate2_" + suffix }
    var stationLogin: String { "t_station_" + suffix }
    var ingestLogin: String { "t_ingest_" + suffix }
    var reportLogin: String { "t_report_" + suffix }
    var logins: [String] { [gateLogin, otherGateLogin, stationLogin, ingestLogin, reportLogin] }

    init() throws {
        db = try PostgresTestServer.freshDatabase()
        try FileManager.default.createDirectory(atPath: passwords, withIntermediateDirectories: true)
        for login in logins {
            let file = passwords + "/" + login
            try (password(login) + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            chmod(file, 0o600)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: passwords)
        guard let admin = try? db.session() else { return }
        for login in logins {
            _ = try? admin.withConnection("drop a login") { link in
                try link.execute(PostgresQuery(unsafeSQL: "DROP OWNED BY \(login)"))
                try link.execute(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \(login)"))
            }
        }
        admin.close()
    }

    func setup() -> DatabaseSetup {
        DatabaseSetup(
            library: "main", schemas: [PostgresCirculationStore.schema, PostgresGateEventStore.schema, PostgresStationActivity.schema],
            logins: [
                .gate: [.init(name: gateLogin, devices: ["north", "south"]), .init(name: otherGateLogin, devices: ["side"])],
                .station: [.init(name: stationLogin, devices: ["desk-1"])],
                .ingest: [.init(name: ingestLogin)], .report: [.init(name: reportLogin)],
            ],
            passwordDirectory: passwords)
    }

    func password(_ login: String) -> String { "secret-\(login)-\(suffix)" }

    func endpoint(_ login: String) throws -> PostgresEndpoint {
        try PostgresEndpoint.parse(PostgresTestServer.url(db.url, database: db.name, user: login, password: password(login)))
    }

    /// Whether `login` may run `sql`; any refusal must be the server's privilege error.
    func may(_ login: String, _ sql: String) throws -> Bool {
        let session = try PostgresSession(endpoint: endpoint(login))
        defer { session.close() }
        do {
            try session.withConnection("try") { link in try link.execute(PostgresQuery(unsafeSQL: sql)) }
            return true
        } catch let error as PostgresStoreError where error.kind == .permission {
            return false
        }
    }

    @Test func setupIsIdempotentAndPrintsNoPassword() throws {
        let admin = try db.session()
        defer { admin.close() }
        let first = try setup().run(on: admin)
        #expect(first.contains("login \(gateLogin): created"))
        #expect(first.contains("login \(gateLogin): writes for gate main/north"))
        #expect(first.contains("login \(gateLogin): password set from \(passwords)/\(gateLogin)"))
        #expect(first.contains("group libraryrfid_report: SELECT on gate_hourly_counts"))
        for login in logins { #expect(!first.joined().contains(password(login)), "a password is printed") }
        let second = try setup().run(on: admin)
        #expect(second.contains("login \(gateLogin): exists"))
        #expect(second.contains("login \(gateLogin): writes for gate main/north (already)"))
        #expect(!second.contains { $0.hasSuffix(": created") && $0.hasPrefix("login") })
    }

    @Test func aGateLoginRecordsItsOwnGatesAlarmsAndReadsNothing() throws {
        let admin = try db.session()
        defer { admin.close() }
        _ = try setup().run(on: admin)
        let gate = try PostgresGateEventStore(endpoint: endpoint(gateLogin), library: "main")
        defer { gate.close() }
        _ = try gate.record(StoredAlarm(time: time, gate: "north", direction: .out, reason: .afi(7), item: "33191000105864"))
        _ = try gate.record(StoredAlarm(time: time, gate: "south", direction: .out, reason: .afi(7)))
        _ = try gate.record(StoredAlarm(time: time, gate: "north", direction: .out, reason: .afi(7)))
        // Not another login's gate, nor its own gate under another library.
        #expect(throws: GateStoreError.self) { try gate.record(StoredAlarm(time: time, gate: "side", direction: .out, reason: .eas)) }
        let elsewhere = try PostgresGateEventStore(endpoint: endpoint(gateLogin), library: "other-library")
        defer { elsewhere.close() }
        #expect(throws: GateStoreError.self) { try elsewhere.record(StoredAlarm(time: time, gate: "north", direction: .out, reason: .eas)) }
        // Reading anything is refused: its own alarms and counts included.
        #expect(throws: GateStoreError.self) { try gate.alarms() }
        #expect(throws: GateStoreError.self) { try gate.hourlyCounts() }
        for table in [
            "gate_alarms", "gate_hourly_counts", "gate_logins", "station_hourly", "station_logins", "hourly_counters", "item_monthly_counts",
            "raw_events", "ingested_files", "circulation_ledger_key",
        ] {
            #expect(try !may(gateLogin, "SELECT count(*) FROM \(table)"), "the gate login reads \(table)")
        }
        // Nor can it write around the function, or create anything.
        #expect(try !may(gateLogin, "CREATE TABLE gate_alarms_copy (a int)"))
        #expect(try !may(gateLogin, "INSERT INTO gate_hourly_counts VALUES ('main', '2026-05-14', 9, 'north', 'out', 100)"))
        #expect(try !may(gateLogin, "SELECT station_record_activity('main', '2026-05-14', 9, 'desk-1', 'tagged', '')"))
        // What it recorded is there, counted exactly.
        let owner = try PostgresGateEventStore(endpoint: db.endpoint(), library: "main")
        defer { owner.close() }
        #expect(try owner.alarms().map(\.gate) == ["north", "south", "north"])
        #expect(try owner.hourlyCounts().map { "\($0.gate)=\($0.count)" } == ["north=2", "south=1"])
        // Its purge reaches its own gates only.
        _ = try PostgresGateEventStore(endpoint: endpoint(otherGateLogin), library: "main").record(
            StoredAlarm(time: time, gate: "side", direction: .in, reason: .eas))
        #expect(try gate.purgeAlarms(before: "2026-06-01") == 3)
        #expect(try owner.alarms().map(\.gate) == ["side"])
    }

    @Test func aStationLoginCountsForItsStationOnly() throws {
        let admin = try db.session()
        defer { admin.close() }
        _ = try setup().run(on: admin)
        let station = try PostgresStationActivity(endpoint: endpoint(stationLogin), library: "main")
        defer { station.close() }
        try station.record(StationEvent(station: "desk-1", action: .tagged, day: "2026-05-14", hour: 9))
        #expect(throws: StationActivityError.self) {
            try station.record(StationEvent(station: "desk-2", action: .tagged, day: "2026-05-14", hour: 9))
        }
        #expect(throws: StationActivityError.self) { try station.counts(month: "2026-05") }
        for table in ["station_hourly", "gate_alarms", "gate_hourly_counts", "hourly_counters", "raw_events", "circulation_ledger_key"] {
            #expect(try !may(stationLogin, "SELECT count(*) FROM \(table)"), "the station login reads \(table)")
        }
        #expect(try !may(stationLogin, "SELECT gate_record_alarm(gen_random_uuid(), 'main', '2026-05-14', 9, '2026-05-14 09:30', 'north', 'out', 'eas', NULL)"))
        let owner = try PostgresStationActivity(endpoint: db.endpoint(), library: "main")
        defer { owner.close() }
        #expect(try owner.counts(month: "2026-05").map(\.count) == [1])
    }

    @Test func reportAndIngestLoginsReadOnlyWhatTheirJobNeeds() throws {
        let admin = try db.session()
        defer { admin.close() }
        _ = try setup().run(on: admin)
        let owner = try PostgresGateEventStore(endpoint: db.endpoint(), library: "main")
        defer { owner.close() }
        _ = try owner.record(StoredAlarm(time: time, gate: "north", direction: .out, reason: .afi(7)))
        // Report: aggregates, through the stores' own reading calls.
        let report = try PostgresGateEventStore(endpoint: endpoint(reportLogin), library: nil)
        defer { report.close() }
        #expect(try report.alarmsByGate(month: "2026-05") == [GateAlarmTotal(gate: "main/north", count: 1)])
        #expect(try PostgresStationActivity(endpoint: endpoint(reportLogin), library: nil).counts(month: "2026-05").isEmpty)
        for table in ["hourly_counters", "item_monthly_counts", "gate_hourly_counts", "station_hourly"] {
            #expect(try may(reportLogin, "SELECT count(*) FROM \(table)"), "the report login cannot read \(table)")
        }
        #expect(throws: GateStoreError.self) { try report.alarms() }
        for table in ["gate_alarms", "raw_events", "ingested_files", "ingested_malformed_lines", "circulation_ledger_key", "gate_logins"] {
            #expect(try !may(reportLogin, "SELECT count(*) FROM \(table)"), "the report login reads \(table)")
        }
        #expect(try !may(reportLogin, "INSERT INTO item_monthly_counts (library, month, item, count) VALUES ('main', '2026-05', '1', 1)"))
        // Ingest: the circulation tables, nothing of gates or stations.
        for table in ["hourly_counters", "raw_events", "ingested_files", "circulation_ledger_key"] {
            #expect(try may(ingestLogin, "SELECT count(*) FROM \(table)"), "the ingest login cannot read \(table)")
        }
        #expect(try may(ingestLogin, "INSERT INTO item_monthly_counts (library, month, item, count) VALUES ('main', '2026-05', '1', 1)"))
        // Ingest adds and settles; it never deletes counts or rewrites the ledger's key.
        #expect(try !may(ingestLogin, "DELETE FROM hourly_counters"))
        #expect(try !may(ingestLogin, "DELETE FROM item_monthly_counts"))
        #expect(try !may(ingestLogin, "UPDATE circulation_ledger_key SET key = key"))
        for table in ["gate_alarms", "gate_hourly_counts", "station_hourly", "gate_logins"] {
            #expect(try !may(ingestLogin, "SELECT count(*) FROM \(table)"), "the ingest login reads \(table)")
        }
        #expect(try !may(ingestLogin, "SELECT gate_record_alarm(gen_random_uuid(), 'main', '2026-05-14', 9, '2026-05-14 09:30', 'north', 'out', 'eas', NULL)"))
    }

    /// The report job end to end with least privilege: `rfid-report ingest` logged in as the
    /// ingest login counts a SIP2 log, `monthly` as the report login publishes it (with the gate
    /// and station sections read from the same database), and purge, which must leave nothing in
    /// the tables' files, is refused to both before anything is deleted.
    @Test func ingestAndReportJobsRunWithTheirOwnLogins() throws {
        let admin = try db.session()
        defer { admin.close() }
        _ = try setup().run(on: admin)
        func url(_ login: String) -> String {
            PostgresTestServer.url(
                db.url, database: db.name, user: login, password: .some(nil),
                query: "sslmode=verify-full&sslrootcert=\(PostgresTestServer.caFile ?? "")&password_file=\(passwords)/\(login)")
        }
        let log = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../samples/sip2-selfcheck-2026-03.log")
            .standardizedFileURL.path
        let ingest = try RunTool.run("rfid-report", ["ingest", log, "--database", url(ingestLogin), "--library", "main", "--json"])
        #expect(ingest.status == 0 || ingest.status == 65, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("\"counted\""), "\(ingest.stdout)")
        let monthly = try RunTool.run(
            "rfid-report", ["monthly", "--month", "2026-03", "--format", "json", "--database", url(reportLogin), "--library", "main"])
        #expect(monthly.status == 0, "\(monthly.stderr)")
        #expect(monthly.stdout.contains("\"month\""), "\(monthly.stdout.prefix(400))")
        for login in [ingestLogin, reportLogin] {
            let purge = try RunTool.run("rfid-report", ["purge", "--database", url(login), "--library", "main"])
            #expect(purge.status != 0, "purge ran as \(login)")
            #expect(!purge.stderr.contains(password(login)))
        }
    }

    /// The daemon end to end on PostgreSQL, logged in as a gate: alarms of the emulated reader
    /// are in the database, counted, when the daemon has said "stored".
    @Test func theDaemonStoresAlarmsInPostgreSQLAsAGateLogin() throws {
        let admin = try db.session()
        defer { admin.close() }
        _ = try setup().run(on: admin)
        let site = try GateSite()
        defer { site.remove() }
        let tag = "E004010000000A01"
        let emulator = try EmulatorProcess(
            directory: site.directory, tags: [.item(tag, afi: 0x07)], timeline: "0.5 enter \(tag)\n3.0 leave \(tag)\n")
        let url = PostgresTestServer.url(
            db.url, database: db.name, user: gateLogin, password: .some(nil),
            query: "sslmode=verify-full&sslrootcert=\(PostgresTestServer.caFile ?? "")&password_file=\(passwords)/\(gateLogin)")
        let config = try site.write(
            gates: ["id = \"north\"\nreader = \"\(emulator.address)\"\ndebounce = \"1s\"\n"],
            extra: "[site]\nid = \"main\"\n[store]\ndatabase = \"\(url)\"\n")
        let daemon = try DaemonProcess(config: config, arguments: ["--for", "3500ms"])
        #expect(daemon.waitForExit() == 0, "\(daemon.output)")
        let reported = daemon.reportedRows
        #expect(!reported.isEmpty, "\(daemon.output)")
        #expect(!daemon.output.contains(password(gateLogin)))
        let owner = try PostgresGateEventStore(endpoint: db.endpoint(), library: "main")
        defer { owner.close() }
        let rows = try owner.alarms()
        #expect(Set(rows.compactMap(\.id)) == reported)
        #expect(rows.allSatisfy { $0.gate == "north" && $0.item == nil })
        #expect(try owner.hourlyCounts().map(\.count).reduce(0, +) == rows.count)
        // The SQLite file of [gate_store] path is not used with a PostgreSQL site.
        #expect(!FileManager.default.fileExists(atPath: site.storePath))
    }

    /// `--database` names the network's database on the command line instead of the site
    /// file; only a postgres:// URL is taken (the tools' SQLite stores are set in the site file).
    @Test func theDatabaseOptionNamesTheNetworkDatabase() throws {
        let owner = try PostgresGateEventStore(endpoint: db.endpoint(), library: "main")
        defer { owner.close() }
        _ = try owner.record(StoredAlarm(time: time, gate: "north", direction: .out, reason: .afi(7)))
        let site = try GateSite()
        defer { site.remove() }
        let config = try site.write(gates: [], extra: "[site]\nid = \"main\"\n")
        let listed = try RunTool.run("rfid-gated", ["alarms", "--config", config, "--database", db.url, "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        #expect((document?["alarms"] as? [[String: Any]])?.map { $0["gate"] as? String } == ["north"], "\(listed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: site.storePath))
        let path = try RunTool.run("rfid-gated", ["alarms", "--config", config, "--database", site.directory + "/x.sqlite"])
        #expect(path.status == 64 && path.stderr.contains("postgres://"), "\(path.stderr)")
        let station = try RunTool.run("rfid-station", ["checkin", "--reader", "emulated:", "--database", site.directory + "/x.sqlite"])
        #expect(station.status == 64 && station.stderr.contains("postgres://"), "\(station.stderr)")
    }

    /// The command an owner runs: idempotent, naming what it made, and refusing a bad login name
    /// (exit 64) before changing anything.
    @Test func theSetupCommandCreatesOnceAndSaysSo() throws {
        let login = "t_cli_gate_" + suffix
        defer {
            if let admin = try? db.session() {
                _ = try? admin.withConnection("drop") { link in try link.execute(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \(login)")) }
                admin.close()
            }
        }
        let arguments = ["database", "setup", "--database", db.url, "--library", "main", "--gate", "\(login)=north,south", "--report", reportLogin]
        let first = try RunTool.run("rfid-report", arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("login \(login): created") && first.stdout.contains("login \(login): writes for gate main/south"))
        #expect(first.stdout.contains("gate event store: schema current"))
        let second = try RunTool.run("rfid-report", arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("login \(login): exists") && !second.stdout.contains(": created"))
        let password = try #require(URLComponents(string: db.url)?.password)
        #expect(!first.stdout.contains(password) && !first.stderr.contains(password))
        let bad = try RunTool.run("rfid-report", ["database", "setup", "--database", db.url, "--library", "main", "--gate", "Robert'); DROP=x"])
        #expect(bad.status == 64, "\(bad.stderr)")
        #expect(bad.stderr.contains("login name"))
    }
}

