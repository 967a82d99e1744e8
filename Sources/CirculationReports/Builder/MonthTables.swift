import CirculationLog
import CirculationStore

/// The month's counters summed into the report's cross-tabulations, before suppression.
struct MonthTables {
    var bySource: CountTable
    var branchByMaterial: CountTable
    var hourByWeekday: CountTable

    static let sourceLabels: [TransactionSource: String] = [
        .selfCheck: "Self-check", .staffStation: "Staff station", .librarySystem: "Library system (desk)",
    ]
    static let actionLabels: [CirculationAction: String] = [
        .checkout: "Checkouts", .checkin: "Checkins", .renewal: "Renewals",
    ]

    init(month: ReportMonth, counters: [CounterRow]) throws(ReportError) {
        let sources = TransactionSource.allCases
        let actions = CirculationAction.allCases
        bySource = CountTable(
            rowLabels: sources.map { Self.sourceLabels[$0] ?? $0.rawValue },
            columnLabels: actions.map { Self.actionLabels[$0] ?? $0.rawValue },
            hasRowTotals: true, hasColumnTotals: true)
        hourByWeekday = CountTable(
            rowLabels: (0..<24).map { $0 < 10 ? "0\($0):00" : "\($0):00" },
            columnLabels: Weekday.allCases.map(\.label), hasRowTotals: true, hasColumnTotals: true)

        let branches = Set(counters.map(\.branch)).sorted()
        var branchIndex: [String: Int] = [:]
        for (i, b) in branches.enumerated() { branchIndex[b] = i }
        branchByMaterial = CountTable(
            rowLabels: branches.map { $0.isEmpty ? "(no branch code)" : $0 },
            columnLabels: MaterialCategory.allCases.map(\.label), hasRowTotals: true, hasColumnTotals: true)

        var weekdays: [String: Weekday] = [:]
        let monthText = month.description
        for row in counters {
            guard row.count >= 0 else { throw .inconsistentStore("a counter is negative") }
            guard (0...23).contains(row.hour) else { throw .inconsistentStore("a counter has hour \(row.hour)") }
            let weekday: Weekday
            if let known = weekdays[row.day] {
                weekday = known
            } else {
                guard let date = CivilDate(row.day), date.monthText == monthText else {
                    throw .inconsistentStore("a counter for \(monthText) has a day outside that month")
                }
                weekday = Weekday(date)
                weekdays[row.day] = weekday
            }
            guard let s = sources.firstIndex(of: row.source), let a = actions.firstIndex(of: row.action),
                let b = branchIndex[row.branch]
            else { throw .inconsistentStore("a counter has an unknown source or action") }
            bySource.cells[s][a] += row.count
            hourByWeekday.cells[row.hour][weekday.rawValue] += row.count
            if row.action != .checkin {
                branchByMaterial.cells[b][MaterialCategory(mediaType: row.mediaType).rawValue] += row.count
            }
        }
    }
}
