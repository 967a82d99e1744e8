import CirculationLog
import CirculationStore

/// The month's counters summed into the report's cross-tabulations, before suppression.
struct MonthTables {
    var bySource: CountTable
    var branchByMaterial: CountTable
    var hourByWeekday: CountTable
    /// Audience x material category, counting what `branchByMaterial` counts: its column totals
    /// and grand total are the same figures.
    var audienceByMaterial: CountTable
    var unmapped: UnmappedCodes

    static let sourceLabels: [TransactionSource: String] = [
        .selfCheck: "Self-check", .staffStation: "Staff station", .librarySystem: "Library system (desk)",
    ]
    static let actionLabels: [CirculationAction: String] = [
        .checkout: "Checkouts", .checkin: "Checkins", .renewal: "Renewals",
    ]

    /// Row and column positions, in the order of `allCases` used for the labels.
    static func sourceIndex(_ source: TransactionSource) -> Int {
        switch source {
        case .selfCheck: 0
        case .staffStation: 1
        case .librarySystem: 2
        }
    }

    static func actionIndex(_ action: CirculationAction) -> Int {
        switch action {
        case .checkout: 0
        case .checkin: 1
        case .renewal: 2
        }
    }

    init(month: ReportMonth, counters: [CounterRow], mapping: MaterialMapping = MaterialMapping()) throws(ReportError) {
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
        audienceByMaterial = CountTable(
            rowLabels: Audience.allCases.map(\.label), columnLabels: MaterialCategory.allCases.map(\.label),
            hasRowTotals: true, hasColumnTotals: true)
        unmapped = UnmappedCodes()

        // Counters repeat the same few days and media types many times: map each once.
        var weekdays: [String: Weekday] = [:]
        var classifications: [CodeTriple: MaterialMapping.Classification] = [:]
        var unmappedByCodes: [CodeTriple: Int] = [:]
        let monthText = month.description
        // Every figure of every table is a sum of some of these counts, so if their total fits,
        // no sum overflows; if it does not, the store was tampered with or is damaged.
        var total = 0
        for row in counters {
            guard row.count >= 0 else { throw .inconsistentStore("a counter is negative") }
            let (sum, overflow) = total.addingReportingOverflow(row.count)
            guard !overflow else {
                throw .inconsistentStore("the counters of \(monthText) add up to more than a count can hold (the store is damaged)")
            }
            total = sum
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
            guard let b = branchIndex[row.branch] else { throw .inconsistentStore("a counter has an unknown branch") }
            let s = Self.sourceIndex(row.source)
            let a = Self.actionIndex(row.action)
            bySource.cells[s][a] += row.count
            hourByWeekday.cells[row.hour][weekday.rawValue] += row.count
            if row.action != .checkin {
                let codes = CodeTriple(mediaType: row.mediaType, collection: row.collection, location: row.location)
                let classification: MaterialMapping.Classification
                if let known = classifications[codes] {
                    classification = known
                } else {
                    classification = mapping.classify(mediaType: row.mediaType, collection: row.collection, location: row.location)
                    classifications[codes] = classification
                }
                branchByMaterial.cells[b][classification.category.rawValue] += row.count
                audienceByMaterial.cells[classification.audience.rawValue][classification.category.rawValue] += row.count
                if !classification.categoryMapped || classification.audience == .unknown {
                    unmappedByCodes[codes, default: 0] += row.count
                }
            }
        }
        for (codes, count) in unmappedByCodes {
            guard let classification = classifications[codes] else { continue }
            unmapped.add(
                mediaType: codes.mediaType, collection: codes.collection, location: codes.location, classification,
                count: count)
        }
    }
}

/// The codes a classification depends on.
private struct CodeTriple: Hashable {
    var mediaType: String
    var collection: String
    var location: String
}
