import ArgumentParser
import CirculationLog
import CirculationReports
import CirculationStore

/// What the annual survey table costs now that it is suppressed together with the year's
/// monthly reports: the annual build (which builds the twelve monthly reports itself and
/// audits the union) beside the baseline of building those twelve monthly reports alone, and
/// one joint audit of the finished table, on generated fiscal years of two sizes. Thread CPU
/// time, median over the years.
struct AnnualSuppressionBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual-suppression",
        abstract: "Time of the annual table's build and joint audit with the monthly reports on generated fiscal years.")

    @Option(help: "Fiscal years generated per size.")
    var years = 10

    @Option(help: "Suppression threshold.")
    var threshold = 5

    func run() throws {
        let mapping = MaterialMapping(
            itemTypes: [:],
            collections: ["FIC": .init(audience: .adult), "JFIC": .init(audience: .children), "YA": .init(audience: .youngAdult)],
            locations: [:])
        let builder = try AnnualReportBuilder(threshold: threshold, mapping: mapping)
        let audit = SuppressionAudit(threshold: threshold)
        let year = try FiscalYear("2026")
        let today = CivilDate("2026-07-15")!
        print("annual table, threshold \(threshold), \(years) generated fiscal years per size (median CPU time per year)")
        for (name, rows, perRow) in [("small library: 3 branches, ~3,000 transactions a month", 600, 1...9),
                                      ("quiet branch: 1 branch, ~60 transactions a month", 20, 1...5)] {
            var generator = SplitMix64(seed: 2026)
            var monthlyTimes: [Double] = []
            var annualTimes: [Double] = []
            var auditTimes: [Double] = []
            var suppressed = 0
            var variables = 0
            for _ in 0..<years {
                let store = GeneratedYearStore(year: year, rows: rows, perRow: perRow, using: &generator)
                var start = threadCPUNanoseconds()
                let months = try builder.monthlyReports(fiscalYear: year, from: store, today: today)
                monthlyTimes.append(Double(threadCPUNanoseconds() - start) / 1e6)
                start = threadCPUNanoseconds()
                let report = try builder.build(fiscalYear: year, from: store, today: today)
                annualTimes.append(Double(threadCPUNanoseconds() - start) / 1e6)
                start = threadCPUNanoseconds()
                let ranges = try audit.ranges(in: report, months: months)
                auditTimes.append(Double(threadCPUNanoseconds() - start) / 1e6)
                guard ranges.allSatisfy({ !$0.discloses(threshold: threshold) }) else {
                    throw ValidationError("the joint audit found a disclosure in a built annual table")
                }
                suppressed += report.tables.map(\.suppressedCount).reduce(0, +)
                variables += ranges.count
            }
            print("  \(name)")
            print("    baseline: the 12 monthly reports                       \(SuppressionAuditBenchmark.median(monthlyTimes)) ms")
            print("    annual build (12 monthly reports + joint audit loop)   \(SuppressionAuditBenchmark.median(annualTimes)) ms"
                + "  (\(suppressed / max(1, years)) of its figures suppressed)")
            print("    one joint audit of the built table                     \(SuppressionAuditBenchmark.median(auditTimes)) ms"
                + "  (\(variables / max(1, years)) hidden figures solved, 2 LPs each)")
        }
    }
}

/// A fiscal year of `GeneratedMonthStore` months (days past the 28th moved to the 28th, so
/// that February is valid), with collections that map to the survey's audiences.
struct GeneratedYearStore: CirculationStoreReading {
    var byMonth: [String: [CounterRow]] = [:]

    init(year: FiscalYear, rows: Int, perRow: ClosedRange<Int>, using generator: inout SplitMix64) {
        for month in year.months {
            let text = month.description
            byMonth[text] = GeneratedMonthStore(rows: rows, perRow: perRow, using: &generator).rows.map { row in
                var row = row
                let day = min(28, Int(row.day.suffix(2)) ?? 1)
                row.day = text + "-" + (day < 10 ? "0" : "") + String(day)
                row.collection = ["FIC", "FIC", "FIC", "JFIC", "JFIC", "YA", "REF"].randomElement(using: &generator) ?? ""
                return row
            }
        }
    }

    func counters(month: String) throws(StoreError) -> [CounterRow] { byMonth[month] ?? [] }
    func itemCounts(month: String) throws(StoreError) -> [ItemCount] { [] }
    func gateAlarms(month: String) throws(StoreError) -> [NamedCount] { [] }
    func taggingActivity(month: String) throws(StoreError) -> [NamedCount] { [] }
}
