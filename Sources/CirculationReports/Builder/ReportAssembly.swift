import CirculationLog
import CirculationStore

/// The identifiers of the report's tables (`PublishedTable.id`), shared by the builder, the
/// suppression and the audit.
enum ReportTableID {
    static let bySource = "bySource"
    static let branchByMaterial = "branchByMaterial"
    static let hourByWeekday = "hourByWeekday"
    static let gateAlarms = "gateAlarms"
    static let taggingActivity = "taggingActivity"
}

/// A month's figures before suppression, and how a choice of hidden figures turns them into
/// the published report. Kept apart from the builder so that the suppression can try a
/// pattern, audit the report it gives, and try again.
struct ReportAssembly: Sendable {
    var month: String
    var threshold: Int
    var tables: MonthTables
    var gateAlarms: CountTable
    var taggingActivity: CountTable
    var mostCirculated: [ItemCount]
    var itemLimit: Int

    /// The hidden figures of every table.
    struct Patterns: Sendable {
        var linked: LinkedSuppression.Patterns
        var gateAlarms: SuppressionPattern
        var taggingActivity: SuppressionPattern
    }

    /// Per-table complementary suppression, with linked tables suppressed together, starting
    /// from the figures in `forced` (by table id). No single table then gives a figure away;
    /// the report as a whole still may (`AuditedSuppression`).
    func perTablePatterns(forced: [String: Set<TablePosition>] = [:]) -> Patterns {
        Patterns(
            linked: LinkedSuppression.patterns(
                bySource: tables.bySource, branchByMaterial: tables.branchByMaterial,
                hourByWeekday: tables.hourByWeekday, threshold: threshold, forced: forced),
            gateAlarms: ComplementarySuppression.pattern(
                for: gateAlarms, threshold: threshold, forced: forced[ReportTableID.gateAlarms] ?? []),
            taggingActivity: ComplementarySuppression.pattern(
                for: taggingActivity, threshold: threshold, forced: forced[ReportTableID.taggingActivity] ?? []))
    }

    /// Every non-zero figure of every table, by table id: the pattern that is safe whatever the
    /// figures (nothing but zeros is printed, and zeros bound nothing from above).
    var everyNonZeroFigure: [String: Set<TablePosition>] {
        var result: [String: Set<TablePosition>] = [:]
        for (id, table) in countTables {
            result[id] = Set(table.entries.filter { $0.value > 0 }.map(\.position))
        }
        return result
    }

    /// The unsuppressed tables by id.
    var countTables: [(id: String, table: CountTable)] {
        [
            (ReportTableID.bySource, tables.bySource), (ReportTableID.branchByMaterial, tables.branchByMaterial),
            (ReportTableID.hourByWeekday, tables.hourByWeekday), (ReportTableID.gateAlarms, gateAlarms),
            (ReportTableID.taggingActivity, taggingActivity),
        ]
    }

    /// The report with the figures of `patterns` hidden.
    func publish(_ patterns: Patterns) -> MonthlyReport {
        let bySource = PublishedTable(
            id: ReportTableID.bySource, title: "Transactions by source", rowHeader: "Source", table: tables.bySource,
            pattern: patterns.linked.bySource)
        let totals = bySource.columnTotals ?? []
        func total(_ action: CirculationAction) -> Published {
            let index = MonthTables.actionIndex(action)
            return index < totals.count ? totals[index] : .count(0)
        }
        return MonthlyReport(
            month: month, threshold: threshold,
            totals: MonthlyReport.ActionTotals(
                checkouts: total(.checkout), checkins: total(.checkin), renewals: total(.renewal),
                all: bySource.grandTotal ?? .count(0)),
            bySource: bySource,
            branchByMaterial: PublishedTable(
                id: ReportTableID.branchByMaterial, title: "Circulation (checkouts and renewals) by branch and material",
                rowHeader: "Branch", table: tables.branchByMaterial, pattern: patterns.linked.branchByMaterial),
            hourByWeekday: PublishedTable(
                id: ReportTableID.hourByWeekday, title: "Transactions by hour of day and weekday", rowHeader: "Hour",
                table: tables.hourByWeekday, pattern: patterns.linked.hourByWeekday),
            gateAlarms: PublishedTable(
                id: ReportTableID.gateAlarms, title: "Gate alarms by gate", rowHeader: "Gate", table: gateAlarms,
                pattern: patterns.gateAlarms),
            taggingActivity: PublishedTable(
                id: ReportTableID.taggingActivity, title: "Tags written by station", rowHeader: "Station",
                table: taggingActivity, pattern: patterns.taggingActivity),
            mostCirculated: mostCirculated,
            itemLimit: itemLimit)
    }
}
