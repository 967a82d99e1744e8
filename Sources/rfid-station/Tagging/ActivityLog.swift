import CommandSupport
import Foundation
import RFIDCommon
import SiteConfiguration
import StationActivity
import StationActivityPostgres
import StationActivitySQLite
import StoreSelection
import TagPrivacy

/// Counts what this station did in the activity store (`station.log`, or the site's PostgreSQL
/// database when `[store] database` is a postgres:// URL). A store that cannot be
/// written never undoes or fails the tagging that was done: the tag is as reported either way,
/// so the problem is printed as a warning once and the command's own status stands.
final class ActivityLog {
    private let config: SiteConfiguration
    private var store: (any StationActivityStore)?
    private var warned = false

    init(_ config: SiteConfiguration) { self.config = config }

    func record(_ action: StationAction, rule: String = "") {
        let (day, hour) = Self.localHour(Date(), timezone: config.site.timezone)
        let event = StationEvent(station: config.station.id, action: action, rule: rule, day: day, hour: hour)
        do throws(StationActivityError) {
            if store == nil { store = try Self.open(config) }
            try store?.record(event)
        } catch {
            guard !warned else { return }
            warned = true
            Failure.printError("rfid-station: warning: activity not recorded: \(error.description)")
        }
    }

    /// The store the site names: its own SQLite file, or the network's PostgreSQL database
    /// (which needs `[site] id`, the library the counts are kept under).
    static func open(_ config: SiteConfiguration) throws(StationActivityError) -> any StationActivityStore {
        let engine: StoreEngine
        do { engine = try StoreSelection(option: nil, config: config).stationActivity() } catch {
            let user = error as? any UserFacingError
            throw StationActivityError(location: config.store.database ?? "[store] database", detail: "\(error)", exitStatus: user?.exitStatus ?? .usage)
        }
        switch engine {
        case .sqlite(let path):
            return try SQLiteStationActivity(path: path, mode: .createIfMissing)
        case .postgres(let endpoint, _):
            let library: String?
            do { library = try engine.writingLibrary() } catch {
                throw StationActivityError(location: endpoint.description, detail: error.detail, exitStatus: error.exitStatus)
            }
            return try PostgresStationActivity(endpoint: endpoint, library: library)
        }
    }

    /// Records the outcome of a tagging attempt that threw.
    func recordFailure(_ error: any Error) {
        if let refusal = error as? BarcodeRefusal {
            record(.refused, rule: refusal.rule.id)
        } else {
            record(.failed)
        }
    }

    static func localHour(_ date: Date, timezone: String?) -> (String, Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone.flatMap(TimeZone.init(identifier:)) ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour], from: date)
        return (String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0), c.hour ?? 0)
    }
}
