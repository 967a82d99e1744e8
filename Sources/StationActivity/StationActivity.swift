/// What a staff station did, counted by station and hour: the only record a station keeps.
/// Nothing about patrons exists at a station, and no barcode or UID is stored either: counts of
/// what was done are what a library's statistics need (tags written per station per month).
public enum StationAction: String, Sendable, CaseIterable, Codable {
    /// A tag written with an item barcode, secured and verified (`encode`).
    case tagged
    /// A non-compliant tag rewritten to its barcode alone (`scrub`).
    case scrubbed
    /// A value refused by the barcode policy; the rule is kept, never the value.
    case refused
    /// Set in stock (`checkin`).
    case secured
    /// Set on loan (`checkout`).
    case unsecured
    /// A tagging step that did not finish (the tag's state was reported to staff).
    case failed
}

/// One thing a station did, at a time, to be added to its hour's count.
public struct StationEvent: Sendable, Equatable {
    public var station: String
    public var action: StationAction
    /// The refusal rule's name for `.refused` (`patron-card`); empty otherwise.
    public var rule: String
    /// Local day `YYYY-MM-DD` and hour 0-23.
    public var day: String
    public var hour: Int

    public init(station: String, action: StationAction, rule: String = "", day: String, hour: Int) {
        self.station = station
        self.action = action
        self.rule = action == .refused ? rule : ""
        self.day = day
        self.hour = hour
    }
}

/// One hour's count of one action at one station.
public struct StationActivityCount: Sendable, Equatable {
    public var day: String
    public var hour: Int
    public var station: String
    public var action: StationAction
    public var rule: String
    public var count: Int

    public init(day: String, hour: Int, station: String, action: StationAction, rule: String, count: Int) {
        self.day = day
        self.hour = hour
        self.station = station
        self.action = action
        self.rule = rule
        self.count = count
    }
}

/// The station activity store, in plain values: a branch's SQLite file (`StationActivitySQLite`)
/// or a network's PostgreSQL database (`StationActivityPostgres`) behind the same interface.
public protocol StationActivityStore: Sendable {
    /// Adds one to the event's hour; each call is its own transaction (a station writes a few
    /// events a minute at most).
    func record(_ event: StationEvent) throws(StationActivityError)
    /// Every count of a month (`YYYY-MM`), ordered by day, hour, station, action.
    func counts(month: String) throws(StationActivityError) -> [StationActivityCount]
}

extension StationActivityStore {
    /// Tags written per station in a month (tagged + scrubbed), for the monthly report.
    public func tagsWritten(month: String) throws(StationActivityError) -> [(station: String, count: Int)] {
        var totals: [String: Int] = [:]
        for c in try counts(month: month) where c.action == .tagged || c.action == .scrubbed {
            totals[c.station, default: 0] += c.count
        }
        return totals.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
