import CirculationStore
import CirculationStorePostgres
import CirculationStoreSQLite
import Foundation
import PostgresSupport
import PostgresTestSupport
import Testing

/// The engines a store test runs on: SQLite always, PostgreSQL when the test server is there or
/// required (`scripts/test` requires it: without a server those runs fail, saying why).
enum StoreEngineKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static var available: [StoreEngineKind] { PostgresTestServer.enabled ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }
}

/// One test's circulation store on one engine: a SQLite file in the test's directory, or a
/// fresh PostgreSQL database (dropped when this is released). Opening it again gives a new
/// connection to the same store, as a second process would.
final class TestStore: Sendable {
    static let library = "test-lib"

    let kind: StoreEngineKind
    let sqlitePath: String?
    let database: PostgresTestDatabase?

    init(_ kind: StoreEngineKind, in dir: TemporaryDirectory, name: String = #function) throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            sqlitePath = dir.file("db/c.sqlite")
            database = nil
        case .postgres:
            sqlitePath = nil
            database = try PostgresTestServer.freshDatabase(name)
        }
    }

    /// What `--database` names it by.
    var databaseArgument: String { sqlitePath ?? database!.url }

    func open(
        _ mode: SQLiteCirculationStore.OpenMode = .createIfMissing, scope: PostgresCirculationStore.Scope = .library(TestStore.library)
    ) throws -> any CirculationStoreMaintaining {
        switch kind {
        case .sqlite: return try SQLiteCirculationStore(path: sqlitePath!, mode: mode)
        case .postgres:
            return try PostgresCirculationStore(
                endpoint: database!.endpoint(), scope: scope, mode: mode == .createIfMissing ? .createIfMissing : .mustExist)
        }
    }

    /// A site file naming this store (and, for PostgreSQL, the test library as `[site] id`).
    func siteFile(in dir: TemporaryDirectory, extra: String = "") -> String {
        dir.write(
            "site-\(kind.rawValue).toml",
            """
            [site]
            id = "\(Self.library)"
            [store]
            database = "\(databaseArgument)"
            \(extra)
            """)
    }
}
