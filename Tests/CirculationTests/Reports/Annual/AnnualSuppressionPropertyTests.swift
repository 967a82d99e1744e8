import CirculationStore
import Testing

@testable import CirculationReports

@Suite("Audited suppression on random fiscal years")
struct AnnualSuppressionPropertyTests {
    /// Few: each year builds and audits thirteen reports, and the joint audit is a larger system.
    static let years = 30
    static let thresholds = [3, 5, 10]

    /// A quiet library's year: each month a few small counters with item types, collections
    /// and locations read through a partial mapping; some months empty.
    static func store(using generator: inout SeededGenerator, year: FiscalYear) -> InMemoryStore {
        var rows: [CounterRow] = []
        for month in year.months where Int.random(in: 0..<6, using: &generator) > 0 {
            rows += RandomMonths.store(using: &generator, mapped: true, month: month.description).rows
        }
        return InMemoryStore(rows: rows)
    }

    @Test("random years: the LP audit of the table with the year's monthly reports finds no disclosure, and its ranges hold the truth")
    func auditFindsNothing() throws {
        var generator = SeededGenerator(seed: 0xA77A_2026)
        let year = try FiscalYear("2026")
        let today = CivilDate("2026-07-15")!
        for index in 0..<Self.years {
            let threshold = Self.thresholds[index % Self.thresholds.count]
            let store = Self.store(using: &generator, year: year)
            let builder = try AnnualReportBuilder(threshold: threshold, mapping: RandomMonths.mapping)
            let report = try builder.build(fiscalYear: year, from: store, today: today)
            let months = try builder.monthlyReports(fiscalYear: year, from: store, today: today)
            let truth = try builder.assembly(fiscalYear: year, from: store, today: today).publish([:])
            let truthByMonth = try months.map { try MonthlyReportBuilder(threshold: threshold, mapping: RandomMonths.mapping).assembly(month: ReportMonth($0.month), from: store).publish([:]) }
            let audit = SuppressionAudit(threshold: threshold)
            for range in try audit.ranges(in: report, months: months) {
                #expect(!range.discloses(threshold: threshold), "year \(index): \(range)")
                let value: Int
                if let slash = range.figure.table.firstIndex(of: "/") {
                    let month = String(range.figure.table[..<slash])
                    let figure = FigureReference(table: String(range.figure.table[range.figure.table.index(after: slash)...]), position: range.figure.position)
                    value = truthByMonth.first { $0.month == month }?.published(figure)?.value ?? -1
                } else {
                    value = PublishedTable.published(range.figure, in: truth.tables)?.value ?? -1
                }
                #expect(value >= range.lower && value <= (range.upper ?? .max), "year \(index): \(range) excludes \(value)")
            }
            // Alone, the table may give away only figures the monthly reports print anyway.
            for range in try audit.disclosures(in: report) {
                #expect(Self.printedByMonths(range.figure, months: months), "year \(index): \(range)")
            }
            for table in report.tables {
                for (position, figure) in table.figures {
                    let value = PublishedTable.published(FigureReference(table: table.id, position: position), in: truth.tables)?.value ?? -1
                    if let shown = figure.value {
                        #expect(shown == value && (shown == 0 || shown >= threshold), "year \(index): \(table.id) \(position)")
                    } else {
                        #expect(value > 0, "year \(index): \(table.id) \(position) hid a zero")
                    }
                }
            }
            Self.expectMonthlyHiddenAreHidden(report, months: months, year: index)
        }
    }

    /// Every figure of a month's audience table that the annual table repeats (its cells, its
    /// audience totals, its grand total) is hidden in the annual table when the month hides it.
    static func expectMonthlyHiddenAreHidden(_ report: AnnualReport, months: [MonthlyReport], year: Int) {
        #expect(months.map(\.month) == report.reportedMonths.map(\.month.description))
        for (column, month) in months.enumerated() {
            let cells = month.audienceByMaterial
            for audience in Audience.allCases {
                guard let table = report.audiences.first(where: { $0.id == AnnualAssembly.tableID(audience) }) else {
                    Issue.record("no \(audience) table")
                    continue
                }
                for category in MaterialCategory.allCases where cells.cells[audience.rawValue][category.rawValue] == .suppressed {
                    #expect(table.cells[category.rawValue][column] == .suppressed, "year \(year) \(month.month) \(audience) \(category)")
                }
                if cells.rowTotals?[audience.rawValue] == .suppressed {
                    #expect(report.byAudience.cells[audience.rawValue][column] == .suppressed, "year \(year) \(month.month) \(audience)")
                    #expect(table.columnTotals?[column] == .suppressed, "year \(year) \(month.month) \(audience)")
                }
            }
            if cells.grandTotal == .suppressed {
                #expect(report.byAudience.columnTotals?[column] == .suppressed, "year \(year) \(month.month)")
            }
        }
    }

    /// Whether a figure of the annual table is printed, as one figure, by a monthly report:
    /// a month's audience cell or audience total, or the month's circulation.
    static func printedByMonths(_ figure: FigureReference, months: [MonthlyReport]) -> Bool {
        let audienceTables = Audience.allCases.map(AnnualAssembly.tableID)
        switch figure.position {
        case .cell(let row, let column) where figure.table == AnnualAssembly.summaryID:
            return months[column].audienceByMaterial.rowTotals?[row].value != nil
        case .columnTotal(let column) where figure.table == AnnualAssembly.summaryID:
            return months[column].audienceByMaterial.grandTotal?.value != nil
        case .cell(let row, let column):
            guard let audience = audienceTables.firstIndex(of: figure.table) else { return false }
            return months[column].audienceByMaterial.cells[audience][row].value != nil
        case .columnTotal(let column):
            guard let audience = audienceTables.firstIndex(of: figure.table) else { return false }
            return months[column].audienceByMaterial.rowTotals?[audience].value != nil
        default:
            return false
        }
    }

    @Test("every relation the annual audit assumes holds on the true figures")
    func relationsHold() throws {
        var generator = SeededGenerator(seed: 99)
        let year = try FiscalYear("2026")
        for _ in 0..<40 {
            let truth = try AnnualReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
                .assembly(fiscalYear: year, from: Self.store(using: &generator, year: year), today: CivilDate("2026-07-15")!)
                .publish([:])
            for relation in AnnualAssembly.relations(in: truth) {
                let sum = relation.terms.reduce(relation.constant) {
                    $0 + $1.coefficient * (PublishedTable.published($1.figure, in: truth.tables)?.value ?? .min)
                }
                #expect(relation.kind == .isZero ? sum == 0 : sum >= 0)
            }
        }
    }

    @Test("per-table suppression alone leaves disclosures in random years (the audit has teeth here too)")
    func perTableLeaks() throws {
        var generator = SeededGenerator(seed: 5)
        let year = try FiscalYear("2026")
        var leaky = 0
        for _ in 0..<60 {
            let assembly = try AnnualReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
                .assembly(fiscalYear: year, from: Self.store(using: &generator, year: year), today: CivilDate("2026-07-15")!)
            let report = assembly.publish(assembly.perTablePatterns())
            if try !SuppressionAudit(threshold: 5).disclosures(in: report).isEmpty { leaky += 1 }
        }
        #expect(leaky > 0)
    }

    @Test("the table audited alone, published beside the monthly reports, gives hidden figures away in random years")
    func aloneLeaksAgainstMonths() throws {
        var generator = SeededGenerator(seed: 14)
        let year = try FiscalYear("2026")
        let today = CivilDate("2026-07-15")!
        var leaky = 0
        for _ in 0..<20 {
            let store = Self.store(using: &generator, year: year)
            let builder = try AnnualReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
            let alone = AuditedSuppression.report(try builder.assembly(fiscalYear: year, from: store, today: today))
            let months = try builder.monthlyReports(fiscalYear: year, from: store, today: today)
            if try !SuppressionAudit(threshold: 5).disclosures(in: alone, months: months).isEmpty { leaky += 1 }
        }
        #expect(leaky > 0)
    }
}
