import GateDetection

/// A local calendar minute in the site's time zone: alarms are kept to the minute, never to the
/// second, so a row cannot be matched to a door camera's frame or a patron's checkout time.
public struct AlarmMinute: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// "YYYY-MM-DD".
    public var day: String
    public var hour: Int
    public var minute: Int

    public init?(day: String, hour: Int, minute: Int) {
        guard LocalDay.isValid(day), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// "YYYY-MM-DD HH:MM".
    public var description: String { day + " " + LocalDay.twoDigits(hour) + ":" + LocalDay.twoDigits(minute) }

    public static func < (a: AlarmMinute, b: AlarmMinute) -> Bool { (a.day, a.hour, a.minute) < (b.day, b.hour, b.minute) }
}

/// One alarm row. `item` is nil unless the gate records items (`record_items = true`), and
/// nothing else in a row can name an item.
public struct StoredAlarm: Sendable, Equatable {
    /// The row's number once stored (nil before).
    public var id: Int64?
    public var time: AlarmMinute
    public var gate: String
    public var direction: PassDirection
    public var reason: AlarmReason
    public var item: String?

    public init(id: Int64? = nil, time: AlarmMinute, gate: String, direction: PassDirection, reason: AlarmReason, item: String? = nil) {
        self.id = id
        self.time = time
        self.gate = gate
        self.direction = direction
        self.reason = reason
        self.item = item
    }
}

/// Alarms of one gate and direction within one local hour. Kept after the rows are purged, so
/// the monthly report and the trend survive the short retention of the rows themselves.
public struct HourlyAlarmCount: Sendable, Equatable, Hashable {
    public var day: String
    public var hour: Int
    public var gate: String
    public var direction: PassDirection
    public var count: Int

    public init(day: String, hour: Int, gate: String, direction: PassDirection, count: Int) {
        self.day = day
        self.hour = hour
        self.gate = gate
        self.direction = direction
        self.count = count
    }
}

/// A month's alarms at one gate.
public struct GateAlarmTotal: Sendable, Equatable, Hashable {
    public var gate: String
    public var count: Int
    public init(gate: String, count: Int) {
        self.gate = gate
        self.count = count
    }
}
