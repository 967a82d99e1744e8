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
    static let audienceByMaterial = "audienceByMaterial"
    static let unmappedItemTypes = "unmappedItemTypes"
    static let unmappedCollections = "unmappedCollections"
    static let unmappedLocations = "unmappedLocations"
}

/// A month's figures before suppression, and how a choice of hidden figures turns them into
/// the published report. Kept apart from the builder so that the suppression can try a
/// pattern, audit the report it gives, and try again.
struct ReportAssembly: AuditableAssembly {
    var month: String
    var threshold: Int
    var tables: MonthTables
    var gateAlarms: CountTable
    var taggingActivity: CountTable
    var mostCirculated: [ItemCount]
    var itemLimit: Int

    /// The unsuppressed tables by id.
    var countTables: [(id: String, table: CountTable)] {
        [
            (ReportTableID.bySource, tables.bySource), (ReportTableID.branchByMaterial, tables.branchByMaterial),
            (ReportTableID.audienceByMaterial, tables.audienceByMaterial),
            (ReportTableID.hourByWeekday, tables.hourByWeekday), (ReportTableID.gateAlarms, gateAlarms),
            (ReportTableID.taggingActivity, taggingActivity),
        ] + UnmappedCodes.Kind.allCases.map { ($0.tableID, tables.unmapped.table($0)) }
    }

    var links: [FigureLink] { Self.links }

    /// The figures a month's report prints more than once or that add up across tables:
    ///
    /// - all transactions: the source table's grand total is the hour table's grand total;
    /// - circulation: the branch table's grand total is checkouts plus renewals (the source
    ///   table's column totals), so checkins = all - circulation;
    /// - the audience table counts what the branch table counts, with the same categories: its
    ///   column totals and grand total are the branch table's;
    /// - every unmapped-code table partitions the same circulation: each one's "without an
    ///   audience" total is the audience table's "Unknown audience" row total, and their
    ///   "without a category" totals are one figure.
    static let links: [FigureLink] = {
        func ref(_ table: String, _ position: TablePosition) -> FigureReference { FigureReference(table: table, position: position) }
        let unmapped = UnmappedCodes.Kind.allCases.map(\.tableID)
        var links: [FigureLink] = [
            .same([ref(ReportTableID.bySource, .grandTotal), ref(ReportTableID.hourByWeekday, .grandTotal)]),
            .sum(
                parts: [
                    ref(ReportTableID.bySource, .columnTotal(MonthTables.actionIndex(.checkout))),
                    ref(ReportTableID.bySource, .columnTotal(MonthTables.actionIndex(.renewal))),
                ], total: ref(ReportTableID.branchByMaterial, .grandTotal)),
            .same([ref(ReportTableID.branchByMaterial, .grandTotal), ref(ReportTableID.audienceByMaterial, .grandTotal)]),
            .same(
                [ref(ReportTableID.audienceByMaterial, .rowTotal(Audience.unknown.rawValue))]
                    + unmapped.map { ref($0, .columnTotal(UnmappedCodes.audienceColumn)) }),
            .same(unmapped.map { ref($0, .columnTotal(UnmappedCodes.categoryColumn)) }),
        ]
        for category in MaterialCategory.allCases {
            links.append(
                .same([
                    ref(ReportTableID.branchByMaterial, .columnTotal(category.rawValue)),
                    ref(ReportTableID.audienceByMaterial, .columnTotal(category.rawValue)),
                ]))
        }
        return links
    }()

    func publishedTables(of report: MonthlyReport) -> [PublishedTable] { report.tables }

    func inequalities(in report: MonthlyReport) -> [FigureRelation] { ReportRelations.inequalities(in: report) }

    /// The report with the figures of `patterns` hidden (a table without a pattern: none).
    func publish(_ patterns: [String: SuppressionPattern]) -> MonthlyReport {
        func table(_ id: String, _ title: String, _ rowHeader: String, _ counts: CountTable) -> PublishedTable {
            PublishedTable(
                id: id, title: title, rowHeader: rowHeader, table: counts,
                pattern: patterns[id] ?? SuppressionPattern(hidden: [], primary: []))
        }
        let bySource = table(ReportTableID.bySource, "Transactions by source", "Source", tables.bySource)
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
            branchByMaterial: table(
                ReportTableID.branchByMaterial, "Circulation (checkouts and renewals) by branch and material", "Branch",
                tables.branchByMaterial),
            audienceByMaterial: table(
                ReportTableID.audienceByMaterial, "Circulation (checkouts and renewals) by audience and material",
                "Audience", tables.audienceByMaterial),
            hourByWeekday: table(
                ReportTableID.hourByWeekday, "Transactions by hour of day and weekday", "Hour", tables.hourByWeekday),
            gateAlarms: table(ReportTableID.gateAlarms, "Gate alarms by gate", "Gate", gateAlarms),
            taggingActivity: table(ReportTableID.taggingActivity, "Tags written by station", "Station", taggingActivity),
            unmapped: UnmappedCodes.Kind.allCases.map {
                table($0.tableID, $0.title, $0.rowHeader, tables.unmapped.table($0))
            },
            mostCirculated: mostCirculated,
            itemLimit: itemLimit)
    }
}
