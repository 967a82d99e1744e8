import CirculationReports
import CirculationStore
import CirculationStorePostgres
import GateEventStore
import GateEventStorePostgres
import StationActivityPostgres

/// What `monthly` and `annual` read, opened once: the circulation store, the station activity
/// store (the "Tags written by station" section) and the gate event store (the alarms section).
/// `annual` is made safe together with the year's monthly reports, so both commands must read
/// exactly the same sources; they get them here.
struct ReportInputs {
    let sources: ReportSources
    /// The month's alarms per gate; nil when the site has no gate store.
    let gateAlarms: (ReportMonth) throws -> [NamedCount]?
}

extension StoreOptions.Resolved {
    func reportInputs() throws -> ReportInputs {
        let circulation = try openCirculation(.mustExist)
        switch engine {
        case .sqlite:
            let gateStore = config.gateStore
            return ReportInputs(
                sources: ReportSources(circulation: circulation, stations: try ReportSources.stationStore(at: config.station.log)),
                gateAlarms: { month in try GateAlarmSource.alarms(month: month.description, gateStore: gateStore) })
        case .postgres(let endpoint, _):
            // Every store of the site is in the database, so the gate and station tables are
            // there once `rfid-report database setup` has run; a login that cannot read them is
            // an error, as an unreadable SQLite file is: a published "none recorded" would be false.
            let library: String? =
                switch scope {
                case .library(let id): id
                case .network, nil: nil
                }
            let stations = try PostgresStationActivity(endpoint: endpoint, library: library)
            let gates = try PostgresGateEventStore(endpoint: endpoint, library: library)
            return ReportInputs(
                sources: ReportSources(circulation: circulation, stations: stations),
                gateAlarms: { month in
                    try gates.alarmsByGate(month: month.description).map { NamedCount(name: $0.gate, count: $0.count) }
                })
        }
    }
}
