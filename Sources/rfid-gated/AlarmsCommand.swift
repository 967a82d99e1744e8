import ArgumentParser
import CommandSupport
import Foundation
import GateEventStore

/// `rfid-gated alarms`: everything the gate store holds, so staff (and anyone answering a
/// records request) can see exactly what the gates keep: alarm rows and hourly counts.
struct AlarmsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alarms",
        abstract: "List the alarms and hourly counts in the gate event store.",
        discussion: """
            Reads the store at [gate_store] path, or this library's rows in the site's PostgreSQL database. Alarm rows are kept alarm_retention_days (default 30); \
            hourly counts are kept. An item column appears only for gates with record_items = true. \
            Exit 74 when there is no store yet.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var database: NetworkDatabaseOption
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() throws {
        try runReportingFailures(tool: "rfid-gated alarms") {
            let config = database.apply(to: try site.load())
            let engine = try GateStoreOpening.engine(config)
            let store = try GateStoreOpening.open(engine, config: config, writing: false)
            let path = engine.location
            let alarms = try store.alarms()
            let counts = try store.hourlyCounts()
            print(json ? AlarmListing.json(alarms: alarms, counts: counts) : AlarmListing.text(alarms: alarms, counts: counts, path: path))
        }
    }
}

/// The store's contents as text or JSON.
enum AlarmListing {
    static func text(alarms: [StoredAlarm], counts: [HourlyAlarmCount], path: String) -> String {
        var lines = ["\(path): \(alarms.count) alarm\(alarms.count == 1 ? "" : "s")"]
        for a in alarms {
            var line = "\(a.time)  \(a.gate)  \(a.direction.rawValue)  \(a.reason)"
            if let item = a.item { line += "  item \(item)" }
            lines.append(line)
        }
        lines.append("hourly counts:")
        for c in counts {
            lines.append("\(c.day) \(c.hour < 10 ? "0" : "")\(c.hour)h  \(c.gate)  \(c.direction.rawValue)  \(c.count)")
        }
        return lines.joined(separator: "\n")
    }

    static func json(alarms: [StoredAlarm], counts: [HourlyAlarmCount]) -> String {
        let rows: [[String: Any]] = alarms.map { a in
            var row: [String: Any] = [
                "id": a.id ?? 0, "time": a.time.description, "gate": a.gate, "direction": a.direction.rawValue,
                "reason": a.reason.description,
            ]
            if let item = a.item { row["item"] = item }
            return row
        }
        let hourly: [[String: Any]] = counts.map {
            ["day": $0.day, "hour": $0.hour, "gate": $0.gate, "direction": $0.direction.rawValue, "count": $0.count]
        }
        let document: [String: Any] = ["alarms": rows, "hourlyCounts": hourly]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
