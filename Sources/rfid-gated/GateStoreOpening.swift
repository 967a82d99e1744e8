import GateEventStore
import GateEventStorePostgres
import GateEventStoreSQLite
import PostgresSupport
import SiteConfiguration
import StoreSelection

/// Where the daemon's gate store is, decided the way every tool decides (`StoreSelection`): the
/// SQLite file of `[gate_store] path`, or the site's PostgreSQL database when `[store] database`
/// is a postgres:// URL, with this library's rows kept under `[site] id`.
enum GateStoreOpening {
    static func engine(_ config: SiteConfiguration) throws -> StoreEngine {
        switch try StoreSelection(option: nil, config: config).gateEvents() {
        case .sqlite(let setting): .sqlite(path: try SQLiteGateEventStore.path(forSetting: setting))
        case let postgres: postgres
        }
    }

    /// The store, opened to write (the daemon: a SQLite file is created, a PostgreSQL store
    /// needs `[site] id`) or to read (`alarms`: a missing file is an error).
    static func open(_ engine: StoreEngine, config: SiteConfiguration, writing: Bool) throws -> any GateEventStoring {
        switch engine {
        case .sqlite(let path):
            return try SQLiteGateEventStore(path: path, mode: writing ? .createIfMissing : .mustExist)
        case .postgres(let endpoint, let library):
            return try PostgresGateEventStore(endpoint: endpoint, library: writing ? try engine.writingLibrary() : library)
        }
    }
}
