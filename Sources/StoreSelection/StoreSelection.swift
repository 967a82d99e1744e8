import Foundation
import PostgresSupport
import RFIDCommon
import SQLiteSupport
import SiteConfiguration

/// Where one store lives: its own SQLite file, or its tables in a PostgreSQL database shared by
/// a network's libraries.
public enum StoreEngine: Sendable, Equatable {
    case sqlite(path: String)
    /// `library` is the site's `[site] id`: the store's rows are kept per library. Nil when the
    /// site file sets none; a store that writes refuses to run without one.
    case postgres(PostgresEndpoint, library: String?)
}

/// Which engine a site's stores live in, decided in one place for every tool: `--database`
/// (where a tool has it), else `[store] database` in the site file, else the built-in SQLite
/// files.
///
/// A SQLite site keeps one file per store: `[store] database` (circulation), `[gate_store] path`
/// and `[station] log`. A `postgres://` database holds every store of the site: a network's
/// stations, gates and report jobs share it, which is the point of choosing it, so the gate and
/// station paths are not used then (Docs/deployment.md).
public struct StoreSelection: Sendable {
    /// The database as given: `--database`, else `[store] database`; nil: the default file.
    public let database: String?
    public let config: SiteConfiguration
    let environment: [String: String]

    public init(
        option: String?, config: SiteConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let given = option.flatMap { $0.isEmpty ? nil : $0 }
        self.database = given ?? config.store.database
        self.config = config
        self.environment = environment
    }

    /// Whether the site's stores live in PostgreSQL.
    public var isPostgres: Bool { database.map(PostgresEndpoint.isPostgresURL) ?? false }

    /// The circulation store; `defaultFileName` names its SQLite file in the data directory.
    public func circulation(defaultFileName: String) throws -> StoreEngine {
        if let postgres = try postgres() { return postgres }
        return .sqlite(path: try StoreLocation.parse(database, defaultFileName: defaultFileName, environment: environment).sqlitePath())
    }

    /// The gate event store: `[gate_store] path`, or the site's PostgreSQL database.
    public func gateEvents() throws -> StoreEngine {
        if let postgres = try postgres() { return postgres }
        return .sqlite(path: config.gateStore.path)
    }

    /// The station activity store: `[station] log`, or the site's PostgreSQL database.
    public func stationActivity() throws -> StoreEngine {
        if let postgres = try postgres() { return postgres }
        return .sqlite(path: config.station.log)
    }

    /// The PostgreSQL database with its password read (from the URL, a password file or the
    /// environment), or nil for a SQLite site.
    public func postgres() throws(PostgresStoreError) -> StoreEngine? {
        guard let database, isPostgres else { return nil }
        return .postgres(try PostgresEndpoint.parse(database, environment: environment), library: config.site.id)
    }
}

extension StoreEngine {
    /// Where messages say the store is: the file, or the URL without its password.
    public var location: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let endpoint, _): endpoint.description
        }
    }

    /// The library a store writes for; a PostgreSQL store cannot write without one.
    public func writingLibrary() throws(PostgresStoreError) -> String? {
        guard case .postgres(let endpoint, let library) = self else { return nil }
        guard let library else {
            throw PostgresStoreError(
                .badURL, location: endpoint.description,
                "[site] id must be set with a PostgreSQL database: it names this library's rows in the database the network shares")
        }
        return library
    }
}
