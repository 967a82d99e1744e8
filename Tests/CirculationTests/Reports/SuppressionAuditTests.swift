import CirculationLog
import CirculationStore
import Testing

@testable import CirculationReports

@Suite("Suppression audit (linear programming over the whole report)")
struct SuppressionAuditTests {
    let november = try! ReportMonth("2026-11")

    /// 3 renewals at self-check, 4 checkins at the staff station, 3 checkouts at the desk: all
    /// (10) and circulation (checkouts + renewals, 6) are large enough to print, so
    /// checkins = all - circulation = 4.
    let checkinsByDifference = InMemoryStore(rows: [
        .make("2026-11-14", 15, .renewal, branch: "MAIN", media: "002", source: .selfCheck, count: 3),
        .make("2026-11-05", 19, .checkin, branch: "EAST", media: "001", source: .staffStation, count: 4),
        .make("2026-11-17", 12, .checkout, branch: "EAST", media: "005", source: .librarySystem, count: 3),
    ])

    func perTableOnly(_ store: InMemoryStore, threshold: Int = 5) throws -> MonthlyReport {
        let assembly = try MonthlyReportBuilder(threshold: threshold).assembly(month: november, from: store)
        return assembly.publish(assembly.perTablePatterns())
    }

    @Test("per-table suppression alone lets checkins = all - circulation be worked out, and the audit finds it")
    func auditCatchesCheckinsByDifference() throws {
        let old = try perTableOnly(checkinsByDifference)
        #expect(old.totals.checkins == .suppressed)
        #expect(old.totals.all == .count(10))
        #expect(old.branchByMaterial.grandTotal == .count(6))
        let found = try SuppressionAudit(threshold: 5).disclosures(in: old)
        let checkins = FigureReference(table: "bySource", position: .columnTotal(MonthTables.actionIndex(.checkin)))
        let range = try #require(found.first { $0.figure == checkins })
        #expect(range.lower == 4 && range.upper == 4)
        // The proof rests on the two printed totals.
        #expect(Set(range.evidence).isSuperset(of: [
            FigureReference(table: "bySource", position: .grandTotal),
            FigureReference(table: "branchByMaterial", position: .grandTotal),
        ]))
    }

    @Test("the built report keeps checkins hidden: the audit proves no suppressed figure small or exact")
    func builtReportKeepsCheckinsHidden() throws {
        let report = try MonthlyReportBuilder(threshold: 5).build(month: november, from: checkinsByDifference)
        #expect(report.totals.checkins == .suppressed)
        #expect(try SuppressionAudit(threshold: 5).disclosures(in: report).isEmpty)
        let checkins = try SuppressionAudit(threshold: 5).ranges(in: report)
            .first { $0.figure == FigureReference(table: "bySource", position: .columnTotal(1)) }
        #expect((checkins?.upper ?? .max) >= 5)
    }

    @Test("two small gate counts protecting each other in a list are still pinned to 1...2 by the total; one more is hidden")
    func listTotalPinsSmallPair() throws {
        let store = InMemoryStore(gates: [
            NamedCount(name: "east", count: 2), NamedCount(name: "north", count: 1), NamedCount(name: "south", count: 40),
        ])
        let old = try perTableOnly(store)
        #expect(old.gateAlarms.cells.map { $0[0] } == [.suppressed, .suppressed, .count(40)])
        let found = try SuppressionAudit(threshold: 5).disclosures(in: old)
        #expect(found.map(\.figure.position) == [.cell(row: 0, column: 0), .cell(row: 1, column: 0)])
        #expect(found.allSatisfy { $0.lower == 1 && $0.upper == 2 })

        let report = try MonthlyReportBuilder(threshold: 5).build(month: november, from: store)
        #expect(report.gateAlarms.cells.map { $0[0] } == [.suppressed, .suppressed, .suppressed])
        #expect(report.gateAlarms.columnTotals == [.count(43)])
        #expect(try SuppressionAudit(threshold: 5).disclosures(in: report).isEmpty)
    }

    @Test("a range that contains a single whole number is a disclosure: LP limits are rounded inward")
    func inwardRounding() {
        let figure = FigureReference(table: "t", position: .grandTotal)
        #expect(ProvableRange(figure: figure, lower: 7, upper: 7, evidence: []).discloses(threshold: 5))
        #expect(ProvableRange(figure: figure, lower: 1, upper: 4, evidence: []).discloses(threshold: 5))
        #expect(!ProvableRange(figure: figure, lower: 1, upper: 5, evidence: []).discloses(threshold: 5))
        #expect(!ProvableRange(figure: figure, lower: 3, upper: nil, evidence: []).discloses(threshold: 5))
    }

    @Test("a report with nothing hidden has nothing to audit")
    func nothingHidden() throws {
        let store = InMemoryStore(rows: [.make("2026-11-02", 10, .checkout, count: 40), .make("2026-11-02", 10, .checkin, count: 30)])
        let report = try MonthlyReportBuilder(threshold: 5).build(month: november, from: store)
        #expect(report.tables.allSatisfy { $0.suppressedCount == 0 })
        #expect(try SuppressionAudit(threshold: 5).ranges(in: report).isEmpty)
    }

    @Test("every relation the audit assumes holds on the true figures of random months")
    func relationsHoldOnTrueFigures() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let assembly = try MonthlyReportBuilder(threshold: 5).assembly(
                month: november, from: RandomMonths.store(using: &generator))
            let truth = assembly.publish(assembly.nothingHidden)
            for relation in ReportRelations.all(in: truth) {
                let sum = relation.terms.reduce(relation.constant) { $0 + $1.coefficient * (truth.published($1.figure)?.value ?? .min) }
                #expect(relation.kind == .isZero ? sum == 0 : sum >= 0)
            }
        }
    }

    @Test("per-table suppression alone leaves disclosures in random small months (the audit has teeth)")
    func perTableSuppressionLeaks() throws {
        var generator = SeededGenerator(seed: 11)
        var leakyMonths = 0
        var exact = 0
        for _ in 0..<400 {
            let found = try SuppressionAudit(threshold: 5).disclosures(in: perTableOnly(RandomMonths.store(using: &generator)))
            if !found.isEmpty { leakyMonths += 1 }
            exact += found.filter { $0.lower == $0.upper }.count
        }
        #expect(leakyMonths > 40)
        #expect(exact > 0)
    }
}

extension ReportAssembly {
    /// Patterns that hide nothing: the month's true figures, for checking relations.
    var nothingHidden: [String: SuppressionPattern] { [:] }
}
