/// The fiscal year's figures before suppression: per audience, material x reported month; the
/// audience subtotals (audience x month); and the year's unmapped codes. Suppressed and
/// audited as one report (`AuditedSuppression`), together with the monthly reports of its
/// months (`PublishedYear`), so that no hidden figure can be recovered from a row total, a
/// subtotal, a monthly report or any other combination of what is published.
struct AnnualAssembly: AuditableAssembly {
    var fiscalYear: FiscalYear
    var threshold: Int
    var months: [MonthAvailability]
    /// `byAudience[audience]`: categories x reported months.
    var byAudience: [CountTable]
    var unmapped: UnmappedCodes

    static let summaryID = "byAudience"

    static func tableID(_ audience: Audience) -> String {
        switch audience {
        case .adult: "adult"
        case .children: "childrens"
        case .youngAdult: "youngAdult"
        case .unknown: "unknownAudience"
        }
    }

    /// Audience x month: each row is the column totals of that audience's table.
    var summary: CountTable {
        let columns = byAudience.first?.columnLabels ?? []
        return CountTable(
            rowLabels: Audience.allCases.map(\.label), columnLabels: columns,
            cells: byAudience.map { table in (0..<table.columnCount).map(table.columnTotal) },
            hasRowTotals: true, hasColumnTotals: true)
    }

    var countTables: [(id: String, table: CountTable)] {
        [(Self.summaryID, summary)] + Audience.allCases.map { (Self.tableID($0), byAudience[$0.rawValue]) }
            + UnmappedCodes.Kind.allCases.map { ($0.tableID, unmapped.table($0)) }
    }

    var links: [FigureLink] { Self.links(columns: byAudience.first?.columnCount ?? 0) }

    /// The summary's cells are the audience tables' column totals, its row totals their grand
    /// totals; the unmapped tables' "without an audience" totals are the unknown audience's
    /// year, their "without a category" totals one figure.
    static func links(columns: Int) -> [FigureLink] {
        func ref(_ table: String, _ position: TablePosition) -> FigureReference { FigureReference(table: table, position: position) }
        var links: [FigureLink] = []
        for audience in Audience.allCases {
            let id = tableID(audience)
            for month in 0..<columns {
                links.append(.same([ref(summaryID, .cell(row: audience.rawValue, column: month)), ref(id, .columnTotal(month))]))
            }
            links.append(.same([ref(summaryID, .rowTotal(audience.rawValue)), ref(id, .grandTotal)]))
        }
        let unmapped = UnmappedCodes.Kind.allCases.map(\.tableID)
        links.append(
            .same(
                [ref(summaryID, .rowTotal(Audience.unknown.rawValue))]
                    + unmapped.map { ref($0, .columnTotal(UnmappedCodes.audienceColumn)) }))
        links.append(.same(unmapped.map { ref($0, .columnTotal(UnmappedCodes.categoryColumn)) }))
        return links
    }

    func publishedTables(of report: AnnualReport) -> [PublishedTable] { report.tables }

    func inequalities(in report: AnnualReport) -> [FigureRelation] { Self.inequalities() }

    /// Circulation without a mapped category counts as Miscellaneous: the unmapped total is at
    /// most the year's Miscellaneous, all audiences together.
    static func inequalities() -> [FigureRelation] {
        [
            FigureRelation(
                terms: Audience.allCases.map {
                    (FigureReference(table: tableID($0), position: .rowTotal(MaterialCategory.miscellaneous.rawValue)), 1)
                } + [(FigureReference(table: ReportTableID.unmappedItemTypes, position: .columnTotal(UnmappedCodes.categoryColumn)), -1)],
                kind: .isAtLeastZero)
        ]
    }

    /// Every relation a reader of `report` can write down.
    static func relations(in report: AnnualReport) -> [FigureRelation] {
        report.tables.flatMap(ReportRelations.lines(of:))
            + links(columns: report.byAudience.columnLabels.count).flatMap(\.relations) + inequalities()
    }

    func publish(_ patterns: [String: SuppressionPattern]) -> AnnualReport {
        func table(_ id: String, _ title: String, _ rowHeader: String, _ counts: CountTable) -> PublishedTable {
            PublishedTable(
                id: id, title: title, rowHeader: rowHeader, table: counts,
                pattern: patterns[id] ?? SuppressionPattern(hidden: [], primary: []))
        }
        return AnnualReport(
            fiscalYear: fiscalYear, threshold: threshold, months: months,
            byAudience: table(Self.summaryID, "Circulation by audience, all materials", "Audience", summary),
            audiences: Audience.allCases.map {
                table(Self.tableID($0), "\($0.label): circulation by material", "Material", byAudience[$0.rawValue])
            },
            unmapped: UnmappedCodes.Kind.allCases.map { table($0.tableID, $0.title, $0.rowHeader, unmapped.table($0)) })
    }
}
