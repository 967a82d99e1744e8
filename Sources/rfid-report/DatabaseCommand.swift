import ArgumentParser
import CirculationStorePostgres
import CommandSupport
import DatabaseRoles
import GateEventStorePostgres
import PostgresSupport
import StationActivityPostgres
import StoreSelection

/// `rfid-report database setup`: the one-time (and every-upgrade) step of a PostgreSQL site,
/// run by the database owner. Docs/deployment.md ("Roles") says who runs it and why.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "database",
        abstract: "Set up a PostgreSQL database shared by a library network.",
        subcommands: [DatabaseSetupCommand.self])
}

struct DatabaseSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Apply the stores' migrations and create the least-privilege roles and logins.",
        discussion: """
            Run as the database owner (a role with CREATEROLE; the tables are owned by it): \
            applies every store's migrations, creates the group roles libraryrfid_gate, libraryrfid_station, \
            libraryrfid_ingest and libraryrfid_report with only their privileges, and creates the given logins \
            in them. Idempotent: run it again after an upgrade, or to add logins. Prints what it created or \
            found, never a password: a login's password is read from the 0600 file DIR/LOGIN of \
            --password-dir, else the login gets none (set it with \\password in psql, or use certificates).
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("The database, as the owner: postgres://OWNER@HOST/DB. Default: [store] database.", valueName: "URL"))
    var database: String?

    @Option(help: ArgumentHelp("The library the gate and station logins write for. Default: [site] id.", valueName: "id"))
    var library: String?

    @Option(name: .customLong("gate"), help: ArgumentHelp("A gate daemon's login and the gate ids it writes for.", valueName: "login=gate[,gate...]"))
    var gates: [String] = []

    @Option(name: .customLong("station"), help: ArgumentHelp("A station's login and its station ids.", valueName: "login=station[,station...]"))
    var stations: [String] = []

    @Option(name: .customLong("ingest"), help: ArgumentHelp("A login for the ingest job.", valueName: "login"))
    var ingest: [String] = []

    @Option(name: .customLong("report"), help: ArgumentHelp("A login for report jobs.", valueName: "login"))
    var report: [String] = []

    @Option(help: ArgumentHelp("A directory of password files, one per login, named after it (mode 0600).", valueName: "dir"))
    var passwordDir: String?

    func run() throws {
        try runReporting("database setup") {
            let config = try site.load()
            let selection = StoreSelection(option: database, config: config)
            guard case .postgres(let endpoint, let siteLibrary) = try selection.postgres() else {
                throw ValidationError("database setup needs a postgres:// database (--database or [store] database)")
            }
            let setup = DatabaseSetup(
                library: library ?? siteLibrary,
                schemas: [PostgresCirculationStore.schema, PostgresGateEventStore.schema, PostgresStationActivity.schema],
                logins: [
                    .gate: try gates.map(Self.login), .station: try stations.map(Self.login),
                    .ingest: ingest.map { .init(name: $0) }, .report: report.map { .init(name: $0) },
                ],
                passwordDirectory: passwordDir)
            let session = try PostgresSession(endpoint: endpoint)
            defer { session.close() }
            for line in try setup.run(on: session) { print(line) }
        }
    }

    static func login(_ text: String) throws -> DatabaseSetup.Login {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let devices = parts.count == 2 ? parts[1].split(separator: ",").map(String.init) : []
        guard parts.count == 2, !parts[0].isEmpty, !devices.isEmpty else {
            throw ValidationError("\(text.prefix(64)): expected login=id[,id...]")
        }
        return DatabaseSetup.Login(name: parts[0], devices: devices)
    }
}
