import CirculationLog

/// A linear relation that the figures of a month's report satisfy, as anyone reading the
/// report and `Docs/reports.md` can write it down: `sum(coefficient * figure) + constant` is
/// zero (`isZero`) or at least zero (`isAtLeastZero`).
struct FigureRelation: Sendable {
    enum Kind: Sendable { case isZero, isAtLeastZero }
    var terms: [(figure: FigureReference, coefficient: Int)]
    var constant: Int = 0
    var kind: Kind = .isZero
}

/// Every relation between the figures of a report that the builder implies: the line sums of
/// each table and the identities between tables. The audit is only as strong as this list, so
/// it is read off `MonthTables` and `MonthlyReportBuilder`:
///
/// - each table: every row sums to its row total, every column to its column total, and the
///   row totals and the column totals each sum to the grand total (where printed);
/// - the action totals (`totals`) are the source table's column totals and grand total: the
///   same figures, printed twice, so they are not separate unknowns;
/// - all transactions: the source table's grand total equals the hour table's grand total;
/// - circulation: the branch table's grand total equals checkouts plus renewals (the source
///   table's column totals), so checkins = all - circulation;
/// - the most-circulated list counts transactions per item, so the listed counts together are
///   at most all transactions (an inequality: it can only raise a lower limit).
///
/// Gate alarms and tagging activity come from other stores and are related to nothing else.
enum ReportRelations {
    static func all(in report: MonthlyReport) -> [FigureRelation] {
        report.tables.flatMap(lines(of:)) + crossTable(in: report)
    }

    /// The line sums of one table.
    static func lines(of table: PublishedTable) -> [FigureRelation] {
        func ref(_ position: TablePosition) -> FigureReference { FigureReference(table: table.id, position: position) }
        let rows = table.cells.indices
        let columns = table.columnLabels.indices
        var relations: [FigureRelation] = []
        if table.rowTotals != nil {
            for r in rows {
                relations.append(
                    FigureRelation(terms: columns.map { (ref(.cell(row: r, column: $0)), 1) } + [(ref(.rowTotal(r)), -1)]))
            }
        }
        if table.columnTotals != nil {
            for c in columns {
                relations.append(
                    FigureRelation(terms: rows.map { (ref(.cell(row: $0, column: c)), 1) } + [(ref(.columnTotal(c)), -1)]))
            }
        }
        if table.grandTotal != nil {
            relations.append(FigureRelation(terms: rows.map { (ref(.rowTotal($0)), 1) } + [(ref(.grandTotal), -1)]))
            relations.append(FigureRelation(terms: columns.map { (ref(.columnTotal($0)), 1) } + [(ref(.grandTotal), -1)]))
        }
        return relations
    }

    static func crossTable(in report: MonthlyReport) -> [FigureRelation] {
        let all = FigureReference(table: report.bySource.id, position: .grandTotal)
        let checkouts = FigureReference(
            table: report.bySource.id, position: .columnTotal(MonthTables.actionIndex(.checkout)))
        let renewals = FigureReference(table: report.bySource.id, position: .columnTotal(MonthTables.actionIndex(.renewal)))
        var relations = [
            FigureRelation(terms: [(all, 1), (FigureReference(table: report.hourByWeekday.id, position: .grandTotal), -1)]),
            FigureRelation(terms: [
                (FigureReference(table: report.branchByMaterial.id, position: .grandTotal), 1), (checkouts, -1),
                (renewals, -1),
            ]),
        ]
        let listed = report.mostCirculated.reduce(0) { $0 + $1.count }
        if listed > 0 {
            relations.append(FigureRelation(terms: [(all, 1)], constant: -listed, kind: .isAtLeastZero))
        }
        return relations
    }
}

extension PublishedTable {
    /// Every printed figure with its position, in table order.
    var figures: [(position: TablePosition, figure: Published)] {
        var result: [(TablePosition, Published)] = []
        for (r, row) in cells.enumerated() {
            for (c, figure) in row.enumerated() { result.append((.cell(row: r, column: c), figure)) }
        }
        for (r, figure) in (rowTotals ?? []).enumerated() { result.append((.rowTotal(r), figure)) }
        for (c, figure) in (columnTotals ?? []).enumerated() { result.append((.columnTotal(c), figure)) }
        if let grandTotal { result.append((.grandTotal, grandTotal)) }
        return result
    }
}
