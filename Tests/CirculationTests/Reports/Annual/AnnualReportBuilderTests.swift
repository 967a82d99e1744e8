import CirculationLog
import CirculationStore
import Testing

@testable import CirculationReports

@Suite("Annual survey table (rfid-report annual)")
struct AnnualReportBuilderTests {
    let fy2026 = try! FiscalYear("2026")

    @Test("a fiscal year is named for the year it ends: FY2026 is July 2025 to June 2026")
    func fiscalYear() throws {
        #expect(fy2026.months.map(\.description).first == "2025-07")
        #expect(fy2026.months.map(\.description).last == "2026-06")
        #expect(fy2026.months.count == 12)
        #expect(fy2026.description == "FY2026")
        for bad in ["26", "2026-27", "FY2026", "0001", "20266", ""] {
            #expect(throws: ReportError.invalidFiscalYear(bad)) { try FiscalYear(bad) }
        }
    }

    @Test("the table's figures are the months' circulation by audience and material")
    func figures() throws {
        let rows = [
            row("2025-07-03", .checkout, "BK", "JFIC", 12), row("2025-07-09", .renewal, "BK", "FIC", 9),
            row("2025-12-24", .checkout, "DVD", "YA", 20), row("2026-06-30", .checkout, "XYZ", "", 30),
            row("2026-06-30", .checkin, "BK", "FIC", 99),
        ]
        let builder = try AnnualReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
        let report = try builder.build(fiscalYear: fy2026, from: InMemoryStore(rows: rows), today: CivilDate("2026-09-01")!)
        // Months without counters are no columns, and say why.
        #expect(report.byAudience.columnLabels == ["Jul 2025", "Dec 2025", "Jun 2026"])
        #expect(report.months.filter { $0.status == .noCounters }.count == 9)
        #expect(!report.isComplete)
        let children = try #require(report.audiences.first { $0.id == "childrens" })
        #expect(children.cells[MaterialCategory.books.rawValue][0] == .count(12))
        #expect(children.rowTotals?[MaterialCategory.books.rawValue] == .count(12))
        let adult = try #require(report.audiences.first { $0.id == "adult" })
        #expect(adult.grandTotal == .count(9))
        #expect(report.byAudience.grandTotal == .count(71))
        let unknown = try #require(report.audiences.first { $0.id == "unknownAudience" })
        #expect(unknown.cells[MaterialCategory.miscellaneous.rawValue][2] == .count(30))
        #expect(report.unmapped[0].rowLabels == ["XYZ"])
    }

    @Test("months after today are not read; the current month is in progress; old empty months are purged, not zero")
    func monthStatuses() throws {
        let rows = [row("2024-08-10", .checkout, "BK", "FIC", 8), row("2024-11-02", .checkout, "BK", "FIC", 8)]
        // Retention 12 months from 2025-05-20 keeps from 2024-05: FY2025's empty months are "no counters".
        let builder = try AnnualReportBuilder(threshold: 5, countersRetentionMonths: 12)
        let partial = try builder.build(fiscalYear: FiscalYear("2025"), from: InMemoryStore(rows: rows), today: CivilDate("2025-05-20")!)
        #expect(partial.months.map(\.status) == [.noCounters, .counted, .noCounters, .noCounters, .counted] + Array(repeating: .noCounters, count: 5) + [.noCounters, .future])
        // Two years on, with a 12-month retention, the empty months are purged.
        let later = try builder.build(fiscalYear: FiscalYear("2025"), from: InMemoryStore(rows: rows), today: CivilDate("2026-08-01")!)
        #expect(later.months.filter { $0.status == .purged }.count == 10)
        #expect(later.byAudience.columnLabels == ["Aug 2024", "Nov 2024"])
        // The current month with counters is a column, marked in progress.
        let current = try builder.build(fiscalYear: FiscalYear("2025"), from: InMemoryStore(rows: rows), today: CivilDate("2024-11-15")!)
        #expect(current.months[4].status == .inProgress)
        #expect(current.months[5...].allSatisfy { $0.status == .future })
        #expect(current.reportedMonths.count == 2)
        // A fiscal year that has not begun is refused.
        #expect(throws: ReportError.fiscalYearNotStarted("FY2026")) {
            try builder.build(fiscalYear: FiscalYear("2026"), from: InMemoryStore(rows: rows), today: CivilDate("2025-06-30")!)
        }
    }

    @Test("a small month hidden in a row is not recoverable from the row's total")
    func totalDoesNotGiveAMonthAway() throws {
        let rows = [
            row("2025-07-03", .checkout, "BK", "FIC", 40), row("2025-08-03", .checkout, "BK", "FIC", 2),
            row("2025-09-03", .checkout, "BK", "FIC", 35),
        ]
        let report = try AnnualReportBuilder(threshold: 5, mapping: RandomMonths.mapping)
            .build(fiscalYear: fy2026, from: InMemoryStore(rows: rows), today: CivilDate("2026-07-01")!)
        let adult = try #require(report.audiences.first { $0.id == "adult" })
        let books = MaterialCategory.books.rawValue
        #expect(adult.cells[books][1] == .suppressed)
        #expect(adult.cells[books].filter { $0 == .suppressed }.count >= 2 || adult.rowTotals?[books] == .suppressed)
        #expect(try SuppressionAudit(threshold: 5).disclosures(in: report).isEmpty)
    }

    func row(_ day: String, _ action: CirculationAction, _ media: String, _ collection: String, _ count: Int) -> CounterRow {
        CounterRow(
            day: day, hour: 10, action: action, branch: "MAIN", location: "", mediaType: media, collection: collection,
            source: .selfCheck, count: count)
    }
}
