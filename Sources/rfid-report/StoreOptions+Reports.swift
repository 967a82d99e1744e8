import CirculationReports
import CirculationStore

extension StoreOptions.Resolved {
    /// What `monthly` and `annual` read, from the same stores: `annual` is made safe together
    /// with the year's monthly reports, so it must see exactly what `monthly` would publish.
    func reportSources() throws -> ReportSources {
        let circulation = try openCirculation(.mustExist)
        switch engine {
        case .sqlite:
            return ReportSources(circulation: circulation, stations: try ReportSources.stationStore(at: config.station.log))
        case .postgres:
            // The gate and station sections come from those stores' tables in the same database
            // once they are there (their PostgreSQL stores); until then the sections are empty.
            return ReportSources(circulation: circulation, stations: nil)
        }
    }

    /// The month's alarms per gate, or nil when the site has no gate store.
    func gateAlarms(month: ReportMonth) throws -> [NamedCount]? {
        switch engine {
        case .sqlite:
            return try GateAlarmSource.alarms(month: month.description, gateStore: config.gateStore)
        case .postgres:
            return nil
        }
    }
}
