import Foundation
import GateEventStore
import GateEventStorePostgres
import GateEventStoreSQLite
import PostgresTestSupport
import Testing

/// The engines a gate store test runs on: SQLite always, PostgreSQL when the test server is
/// there (always under scripts/test, which requires it).
enum GateStoreEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [GateStoreEngine] { PostgresTestServer.enabled ? allCases : [.sqlite] }

    var testDescription: String { rawValue }

    /// A new, empty store on this engine, with what keeps it alive (its directory or database).
    func makeStore(library: String = "main") throws -> OpenedGateStore {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gate-store-\(UUID().uuidString)").path
            let store = try SQLiteGateEventStore(path: directory + "/gate-events.sqlite", mode: .createIfMissing)
            return OpenedGateStore(store: store, database: nil, directory: directory)
        case .postgres:
            let database = try PostgresTestServer.freshDatabase()
            let store = try PostgresGateEventStore(endpoint: database.endpoint(), library: library)
            return OpenedGateStore(store: store, database: database, directory: nil)
        }
    }
}

/// A store under test and what must outlive it.
final class OpenedGateStore {
    let store: any GateEventStoring
    let database: PostgresTestDatabase?
    let directory: String?

    init(store: any GateEventStoring, database: PostgresTestDatabase?, directory: String?) {
        self.store = store
        self.database = database
        self.directory = directory
    }

    deinit {
        (store as? PostgresGateEventStore)?.close()
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }
}
