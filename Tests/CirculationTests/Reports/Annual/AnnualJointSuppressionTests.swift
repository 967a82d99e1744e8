import CirculationLog
import CirculationStore
import Testing

@testable import CirculationReports

/// The annual table and the monthly reports of its months are published side by side, and a
/// month's annual cell is the same figure as that month's audience cell: suppressed
/// independently, the two give hidden figures away to a reader who holds both.
@Suite("Annual table safe together with the monthly reports")
struct AnnualJointSuppressionTests {
    let year = try! FiscalYear("2026")
    let today = CivilDate("2026-07-15")!
    let books = MaterialCategory.books.rawValue

    /// Adult books: 2 in July (small), 40 in August, 35 in September; nothing else.
    var leakyStore: InMemoryStore {
        InMemoryStore(rows: [
            row("2025-07-03", 2), row("2025-08-05", 40), row("2025-09-09", 35),
        ])
    }

    @Test("suppressed independently, July's hidden 2 is the year's total minus the months the monthly reports print")
    func independentSuppressionLeaks() throws {
        let builder = try AnnualReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
        let store = leakyStore
        // The annual table as it was built before: audited alone.
        let alone = AuditedSuppression.report(try builder.assembly(fiscalYear: year, from: store, today: today))
        let months = try builder.monthlyReports(fiscalYear: year, from: store, today: today)
        let adult = try #require(alone.audiences.first { $0.id == "adult" })
        #expect(adult.cells[books][0] == .suppressed)
        // Its complement in the row is September, the smallest other month...
        #expect(adult.cells[books][2] == .suppressed)
        // ...but the monthly reports of August and September print their adult books.
        let printed = months.dropFirst().map { $0.audienceByMaterial.cells[Audience.adult.rawValue][books].value }
        #expect(printed == [40, 35])
        // The reader's arithmetic: the year's total, less the other months.
        let total = try #require(adult.rowTotals?[books].value)
        #expect(total - 40 - 35 == 2)
        // And the joint audit names it.
        let disclosed = try SuppressionAudit(threshold: 5).disclosures(in: alone, months: months)
        #expect(disclosed.contains { $0.figure == FigureReference(table: "adult", position: .cell(row: books, column: 0)) })
    }

    @Test("built against the monthly reports, the same year discloses nothing: the reader gets only a range")
    func jointSuppressionHolds() throws {
        let builder = try AnnualReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
        let store = leakyStore
        let report = try builder.build(fiscalYear: year, from: store, today: today)
        let months = try builder.monthlyReports(fiscalYear: year, from: store, today: today)
        let audit = SuppressionAudit(threshold: 5)
        #expect(try audit.disclosures(in: report, months: months).isEmpty)
        let adult = try #require(report.audiences.first { $0.id == "adult" })
        #expect(adult.cells[books][0] == .suppressed)
        // The total the subtraction needed is no longer printed...
        #expect(adult.rowTotals?[books] == .suppressed)
        // ...nor anything that adds up to it: every total of the year that holds July is hidden.
        #expect(adult.grandTotal == .suppressed)
        #expect(report.byAudience.rowTotals?[Audience.adult.rawValue] == .suppressed)
        #expect(report.byAudience.grandTotal == .suppressed)
        // What the thirteen reports together allow for July's adult books: a range that reaches
        // the threshold, not a value.
        let july = try #require(
            try audit.ranges(in: report, months: months).first {
                $0.figure == FigureReference(table: "adult", position: .cell(row: books, column: 0))
            })
        #expect(july.lower <= 2 && (july.upper ?? .max) >= 5, "\(july)")
        // The monthly reports are exactly those rfid-report monthly builds.
        let monthly = try MonthlyReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
        #expect(months.first == (try monthly.build(month: ReportMonth("2025-07"), from: store)))
    }

    @Test("a complement the annual table would print is hidden when its monthly report hides it")
    func monthlyHiddenIsHiddenInTheTable() throws {
        // July: 3 adult books and 30 children's books, so the July report hides the 3 and a
        // complement; the annual table repeats every one of July's audience cells.
        let store = InMemoryStore(rows: [
            row("2025-07-03", 3), row("2025-07-04", 30, collection: "JFIC"), row("2025-08-05", 40),
            row("2025-08-06", 25, collection: "JFIC"),
        ])
        let builder = try AnnualReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
        let report = try builder.build(fiscalYear: year, from: store, today: today)
        let months = try builder.monthlyReports(fiscalYear: year, from: store, today: today)
        let july = months[0].audienceByMaterial
        for audience in Audience.allCases {
            let table = try #require(report.audiences.first { $0.id == AnnualAssembly.tableID(audience) })
            for category in MaterialCategory.allCases where july.cells[audience.rawValue][category.rawValue] == .suppressed {
                #expect(table.cells[category.rawValue][0] == .suppressed, "\(audience) \(category)")
            }
            if july.rowTotals?[audience.rawValue] == .suppressed {
                #expect(report.byAudience.cells[audience.rawValue][0] == .suppressed)
                #expect(table.columnTotals?[0] == .suppressed)
            }
        }
        #expect(try SuppressionAudit(threshold: 5).disclosures(in: report, months: months).isEmpty)
    }

    @Test("the audit refuses to judge the table without the report of one of its months")
    func missingMonth() throws {
        let builder = try AnnualReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
        let report = try builder.build(fiscalYear: year, from: leakyStore, today: today)
        let months = try builder.monthlyReports(fiscalYear: year, from: leakyStore, today: today)
        #expect(throws: SuppressionAuditError.missingMonthlyReport("2025-08")) {
            try SuppressionAudit(threshold: 5).disclosures(in: report, months: months.filter { $0.month != "2025-08" })
        }
    }

    func row(_ day: String, _ count: Int, collection: String = "FIC") -> CounterRow {
        CounterRow(
            day: day, hour: 10, action: .checkout, branch: "MAIN", location: "", mediaType: "BK", collection: collection,
            source: .selfCheck, count: count)
    }
}
