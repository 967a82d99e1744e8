import CirculationStore
import Testing

@testable import CirculationReports

@Suite("Audited suppression on random fiscal years")
struct AnnualSuppressionPropertyTests {
    static let years = 120
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

    @Test("random years: the LP audit over the table with its row and column totals finds no disclosure, and its ranges hold the truth")
    func auditFindsNothing() throws {
        var generator = SeededGenerator(seed: 0xA77A_2026)
        let year = try FiscalYear("2026")
        let today = CivilDate("2026-07-15")!
        for index in 0..<Self.years {
            let threshold = Self.thresholds[index % Self.thresholds.count]
            let store = Self.store(using: &generator, year: year)
            let builder = try AnnualReportBuilder(threshold: threshold, mapping: RandomMonths.mapping)
            let report = try builder.build(fiscalYear: year, from: store, today: today)
            let truth = try builder.assembly(fiscalYear: year, from: store, today: today).publish([:])
            let audit = SuppressionAudit(threshold: threshold)
            for range in try audit.ranges(in: report) {
                #expect(!range.discloses(threshold: threshold), "year \(index): \(range)")
                let value = PublishedTable.published(range.figure, in: truth.tables)?.value ?? -1
                #expect(value >= range.lower && value <= (range.upper ?? .max), "year \(index): \(range) excludes \(value)")
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
}
