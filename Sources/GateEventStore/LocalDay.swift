import Foundation

/// Days and minutes in the site's time zone (`[site] timezone`, else the system's), the way
/// the gate's hourly counts and the reports' hours are both kept.
public enum LocalDay {
    /// The local minute of `date`.
    public static func minute(of date: Date, in timeZone: TimeZone) -> AlarmMinute {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = "\(c.year ?? 1970)-\(twoDigits(c.month ?? 1))-\(twoDigits(c.day ?? 1))"
        return AlarmMinute(day: day, hour: c.hour ?? 0, minute: c.minute ?? 0)
            ?? AlarmMinute(day: "1970-01-01", hour: 0, minute: 0)!
    }

    /// The local day `days` before `date`'s: rows of days before it are past their retention.
    public static func day(_ days: Int, before date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let earlier = calendar.date(byAdding: .day, value: -days, to: date) ?? date
        return minute(of: earlier, in: timeZone).day
    }

    static func isValid(_ day: String) -> Bool {
        let parts = day.split(separator: "-")
        guard day.count == 10, parts.count == 3, let m = Int(parts[1]), let d = Int(parts[2]), Int(parts[0]) != nil else {
            return false
        }
        return (1...12).contains(m) && (1...31).contains(d)
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
