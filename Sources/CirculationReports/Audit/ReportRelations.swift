import CirculationLog

/// A linear relation that the figures of a report satisfy, as anyone reading the report and
/// `Docs/reports.md` can write it down: `sum(coefficient * figure) + constant` is zero
/// (`isZero`) or at least zero (`isAtLeastZero`).
struct FigureRelation: Sendable {
    enum Kind: Sendable { case isZero, isAtLeastZero }
    var terms: [(figure: FigureReference, coefficient: Int)]
    var constant: Int = 0
    var kind: Kind = .isZero
}

/// Every relation between the figures of a month's report that the builder implies: the line
/// sums of each table, the links between tables (`ReportAssembly.links`) and the inequalities
/// below. The audit is only as strong as this list, so it is read off `MonthTables` and
/// `MonthlyReportBuilder`:
///
/// - each table: every row sums to its row total, every column to its column total, and the
///   row totals and the column totals each sum to the grand total (where printed);
/// - the links: all transactions printed twice, circulation = checkouts + renewals, the
///   audience table's column totals and grand total are the branch table's, the unmapped-code
///   tables' totals are the "Unknown audience" row total and one common figure;
/// - the action totals (`totals`) are the source table's column totals and grand total: the
///   same figures, printed twice, so they are not separate unknowns;
/// - the most-circulated list counts transactions per item, so the listed counts together are
///   at most all transactions (an inequality: it can only raise a lower limit);
/// - circulation without a mapped category is counted as Miscellaneous, so the unmapped-code
///   tables' "without a category" total is at most the Miscellaneous column total.
///
/// Gate alarms and tagging activity come from other stores and are related to nothing else.
enum ReportRelations {
    static func all(in report: MonthlyReport) -> [FigureRelation] {
        report.tables.flatMap(lines(of:)) + ReportAssembly.links.flatMap(\.relations) + inequalities(in: report)
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

    static func inequalities(in report: MonthlyReport) -> [FigureRelation] {
        let all = FigureReference(table: report.bySource.id, position: .grandTotal)
        var relations = [
            FigureRelation(
                terms: [
                    (FigureReference(table: ReportTableID.audienceByMaterial, position: .columnTotal(MaterialCategory.miscellaneous.rawValue)), 1),
                    (FigureReference(table: ReportTableID.unmappedItemTypes, position: .columnTotal(UnmappedCodes.categoryColumn)), -1),
                ], kind: .isAtLeastZero)
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
