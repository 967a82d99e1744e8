/// Everything published about a fiscal year's circulation: the annual survey table and the
/// monthly reports of the months it shows. The two are not independent: a month's cell of the
/// annual table (audience a, material c, month m) is the same figure as the cell (a, c) of
/// month m's audience table, and every other figure of the annual table is a sum of monthly
/// figures (a row total is that cell's sum over the months). A reader holding all thirteen
/// reports can combine them: a cell hidden in July's report is the annual row's total minus
/// the other months' cells their reports printed; a complement the annual table hid is read
/// from its monthly report. So the annual table is audited against the union (`disclosures`).
///
/// The monthly reports are taken as they are: once published they cannot change, so only
/// annual figures can be hidden to repair a disclosure.
struct PublishedYear: Sendable {
    var threshold: Int
    /// The annual tables' ids (the monthly tables' ids are prefixed with their month).
    let annualTables: Set<String>
    /// Every figure of the annual table, as the sum of the monthly figures it repeats.
    let parts: [FigureReference: [FigureReference]]
    /// The monthly figures as printed (nil: suppressed), under their prefixed ids.
    let monthly: [FigureReference: Int?]
    /// Every relation between monthly figures (each report's own) and between the annual
    /// figures and the monthly ones (`parts`).
    let monthlyRelations: [FigureRelation]
    let crossRelations: [FigureRelation]

    /// Monthly tables related to circulation. Gate alarms and tagging activity are related to
    /// nothing in the annual table, so they cannot be narrowed by it and stay out of the audit.
    static let relatedMonthlyTables: [String] =
        [ReportTableID.bySource, ReportTableID.branchByMaterial, ReportTableID.audienceByMaterial, ReportTableID.hourByWeekday]
        + UnmappedCodes.Kind.allCases.map(\.tableID)

    /// A monthly table's id in the joint system: "2025-07/audienceByMaterial".
    static func monthlyID(_ month: String, _ table: String) -> String { month + "/" + table }

    /// `annual` gives the table's layout (any suppression); `months` must hold the monthly
    /// report of every month the table shows.
    init(annual: AnnualReport, months reports: [MonthlyReport]) throws(SuppressionAuditError) {
        threshold = annual.threshold
        annualTables = Set(annual.tables.map(\.id))
        var byMonth: [String: MonthlyReport] = [:]
        for report in reports { byMonth[report.month] = report }
        var columns: [MonthlyReport] = []
        for month in annual.reportedMonths {
            guard let report = byMonth[month.month.description] else { throw .missingMonthlyReport(month.month.description) }
            columns.append(report)
        }

        var monthly: [FigureReference: Int?] = [:]
        var monthlyRelations: [FigureRelation] = []
        for report in columns {
            func renamed(_ figure: FigureReference) -> FigureReference {
                FigureReference(table: Self.monthlyID(report.month, figure.table), position: figure.position)
            }
            let related = report.tables.filter { Self.relatedMonthlyTables.contains($0.id) }
            for table in related {
                for (position, figure) in table.figures {
                    monthly[renamed(FigureReference(table: table.id, position: position))] = figure.value
                }
            }
            let relations =
                related.flatMap(ReportRelations.lines(of:)) + ReportAssembly.links.flatMap(\.relations)
                + ReportRelations.inequalities(in: report)
            monthlyRelations += relations.map { relation in
                var renamedRelation = relation
                renamedRelation.terms = relation.terms.map { (renamed($0.figure), $0.coefficient) }
                return renamedRelation
            }
        }
        self.monthly = monthly
        self.monthlyRelations = monthlyRelations
        parts = Self.parts(annual: annual, months: columns)
        crossRelations = parts.sorted { $0.key.description < $1.key.description }.map { figure, parts in
            FigureRelation(terms: [(figure, 1)] + parts.map { ($0, -1) })
        }
    }

    /// Which monthly figures each annual figure adds up: the audience table a's cell (c, m) is
    /// month m's audience cell (a, c), its column total month m's row total of a; the summary's
    /// cell (a, m) is that row total too, its column total month m's grand total; an unmapped
    /// code's year is its months' counts (by code); every row total and grand total is the
    /// sum over the months of what its month's column repeats.
    private static func parts(annual: AnnualReport, months: [MonthlyReport]) -> [FigureReference: [FigureReference]] {
        func audience(_ month: MonthlyReport, _ position: TablePosition) -> FigureReference {
            FigureReference(table: monthlyID(month.month, ReportTableID.audienceByMaterial), position: position)
        }
        var result: [FigureReference: [FigureReference]] = [:]
        func set(_ table: String, _ position: TablePosition, _ parts: [FigureReference]) {
            result[FigureReference(table: table, position: position)] = parts
        }
        let summary = AnnualAssembly.summaryID
        for a in Audience.allCases {
            let row = a.rawValue
            let id = AnnualAssembly.tableID(a)
            for (m, month) in months.enumerated() {
                set(summary, .cell(row: row, column: m), [audience(month, .rowTotal(row))])
                set(id, .columnTotal(m), [audience(month, .rowTotal(row))])
                for c in MaterialCategory.allCases {
                    set(id, .cell(row: c.rawValue, column: m), [audience(month, .cell(row: row, column: c.rawValue))])
                }
            }
            set(summary, .rowTotal(row), months.map { audience($0, .rowTotal(row)) })
            set(id, .grandTotal, months.map { audience($0, .rowTotal(row)) })
            for c in MaterialCategory.allCases {
                set(id, .rowTotal(c.rawValue), months.map { audience($0, .cell(row: row, column: c.rawValue)) })
            }
        }
        for (m, month) in months.enumerated() {
            set(summary, .columnTotal(m), [audience(month, .grandTotal)])
        }
        set(summary, .grandTotal, months.map { audience($0, .grandTotal) })

        for kind in UnmappedCodes.Kind.allCases {
            guard let table = annual.tables.first(where: { $0.id == kind.tableID }) else { continue }
            for column in UnmappedCodes.columnLabels.indices {
                set(
                    kind.tableID, .columnTotal(column),
                    months.map { FigureReference(table: monthlyID($0.month, kind.tableID), position: .columnTotal(column)) })
            }
            for (row, code) in table.rowLabels.enumerated() {
                var byMonth: [(month: String, row: Int)] = []
                for month in months {
                    guard let rows = month.tables.first(where: { $0.id == kind.tableID })?.rowLabels,
                        let monthRow = rows.firstIndex(of: code)
                    else { continue }
                    byMonth.append((month.month, monthRow))
                }
                for column in UnmappedCodes.columnLabels.indices {
                    set(
                        kind.tableID, .cell(row: row, column: column),
                        byMonth.map {
                            FigureReference(table: monthlyID($0.month, kind.tableID), position: .cell(row: $0.row, column: column))
                        })
                }
            }
        }
        return result
    }

    /// The annual figure's value as the monthly reports print it: the sum of its parts when
    /// every part is printed (then hiding it in the annual table protects nothing), else nil.
    func printedByMonths(_ figure: FigureReference) -> Int? {
        guard let parts = parts[figure] else { return nil }
        var sum = 0
        for part in parts {
            guard let printed = monthly[part], let value = printed else { return nil }
            sum += value
        }
        return sum
    }

    /// Annual figures that repeat a monthly figure hidden in its report (all their other parts
    /// printed): the annual table must hide them too, or the reader subtracts.
    var forced: [String: Set<TablePosition>] {
        var result: [String: Set<TablePosition>] = [:]
        for (figure, parts) in parts {
            let hidden = parts.filter { (monthly[$0] ?? nil) == nil }
            if hidden.count == 1 { result[figure.table, default: []].insert(figure.position) }
        }
        return result
    }

    /// The provable range of every hidden figure of the union whose range the annual table can
    /// change: the annual table's hidden figures the monthly reports do not print, and the
    /// monthly reports' hidden figures linked to the annual table through some relation.
    /// (The rest are in systems of equations the annual table has no part in: their ranges
    /// are those of their own monthly report's audit.)
    ///
    /// Each range's evidence names only figures the annual table prints and the monthly
    /// reports do not: the only ones that hiding can take away from the reader.
    func ranges(in report: AnnualReport) throws(SuppressionAuditError) -> [ProvableRange] {
        var printed: [FigureReference: Int] = [:]
        var hidden: [FigureReference] = []
        var adjustable: Set<FigureReference> = []
        for (figure, value) in monthly {
            if let value { printed[figure] = value } else { hidden.append(figure) }
        }
        for table in report.tables {
            for (position, figure) in table.figures {
                let reference = FigureReference(table: table.id, position: position)
                if let known = printedByMonths(reference) {
                    printed[reference] = known
                } else if let value = figure.value {
                    printed[reference] = value
                    adjustable.insert(reference)
                } else {
                    hidden.append(reference)
                }
            }
        }
        let annualRelations = AnnualAssembly.relations(in: report) + crossRelations
        let relations = monthlyRelations + annualRelations
        let linked = Self.linked(hidden: hidden, relations: relations, touchedBy: annualRelations)
        let kept = relations.filter { $0.terms.contains { linked.contains($0.figure) } }
        let targets = hidden.filter(linked.contains).sorted { $0.description < $1.description }
        let audit = SuppressionAudit(threshold: threshold)
        return try audit.ranges(printed: printed, hidden: targets, relations: kept).map { range in
            var range = range
            range.evidence = range.evidence.filter(adjustable.contains)
            return range
        }
    }

    func disclosures(in report: AnnualReport) throws(SuppressionAuditError) -> [ProvableRange] {
        try ranges(in: report).filter { $0.discloses(threshold: threshold) }
    }

    /// The hidden figures connected, through relations that share hidden figures, to a
    /// relation of `touchedBy` (a connected part of the system is solved alone exactly as in
    /// the whole system, since no constraint joins it to the rest).
    private static func linked(
        hidden: [FigureReference], relations: [FigureRelation], touchedBy seeds: [FigureRelation]
    ) -> Set<FigureReference> {
        var index: [FigureReference: Int] = [:]
        for (i, figure) in hidden.enumerated() { index[figure] = i }
        var parent = Array(hidden.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for relation in relations {
            let members = relation.terms.compactMap { index[$0.figure] }
            guard let first = members.first else { continue }
            for other in members.dropFirst() { parent[root(other)] = root(first) }
        }
        var touched: Set<Int> = []
        for relation in seeds {
            for term in relation.terms { if let i = index[term.figure] { touched.insert(root(i)) } }
        }
        return Set(hidden.indices.filter { touched.contains(root($0)) }.map { hidden[$0] })
    }
}
