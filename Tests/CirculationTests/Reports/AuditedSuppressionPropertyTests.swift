import CirculationStore
import Testing

@testable import CirculationReports

@Suite("Audited suppression on random small months")
struct AuditedSuppressionPropertyTests {
    static let months = 2000
    static let chunks = 4
    static let thresholds = [3, 5, 10]

    /// What went wrong in one random month, with the seed that rebuilds it.
    struct Failure: Sendable, CustomStringConvertible {
        var seed: UInt64
        var month: Int
        var problem: String
        var description: String { "seed \(seed), month \(month): \(problem)" }
    }

    @Test("2000 random small months: the audit finds no suppressed figure pinned below the threshold or to one value")
    func auditFindsNothing() async throws {
        // Seeded chunks run in parallel; each month is rebuilt from (seed, index) when one fails.
        let failures = await withTaskGroup(of: [Failure].self) { group in
            for chunk in 0..<Self.chunks {
                group.addTask { Self.check(seed: 0x5EED_0000 + UInt64(chunk), count: Self.months / Self.chunks) }
            }
            var all: [Failure] = []
            for await found in group { all += found }
            return all
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    static func check(seed: UInt64, count: Int) -> [Failure] {
        var generator = SeededGenerator(seed: seed)
        var failures: [Failure] = []
        guard let month = try? ReportMonth("2026-11") else { return [Failure(seed: seed, month: -1, problem: "month")] }
        for index in 0..<count {
            // Every other month has item types, collections and locations, read with a partial
            // mapping: the audience and unmapped-code tables join the audit.
            let mapped = index % 2 == 1
            let store = RandomMonths.store(using: &generator, mapped: mapped)
            let threshold = thresholds[index % thresholds.count]
            func fail(_ problem: String) { failures.append(Failure(seed: seed, month: index, problem: problem)) }
            do {
                let builder = try MonthlyReportBuilder(
                    threshold: threshold, mapping: mapped ? RandomMonths.mapping : MaterialMapping())
                let report = try builder.build(month: month, from: store)
                let assembly = try builder.assembly(month: month, from: store)
                let truth = assembly.publish(assembly.nothingHidden)
                let ranges = try SuppressionAudit(threshold: threshold).ranges(in: report)
                for range in ranges {
                    if range.discloses(threshold: threshold) { fail("disclosed \(range)") }
                    // The audit's ranges are proofs: the true figure lies inside.
                    let value = truth.published(range.figure)?.value ?? -1
                    if value < range.lower || value > (range.upper ?? .max) { fail("\(range) excludes the true \(value)") }
                }
                for table in report.tables {
                    for (position, figure) in table.figures {
                        let value = truth.published(FigureReference(table: table.id, position: position))?.value ?? -1
                        if let shown = figure.value {
                            if shown != value { fail("\(table.id) \(position) printed \(shown), true \(value)") }
                            if shown > 0 && shown < threshold { fail("\(table.id) \(position) printed \(shown)") }
                        } else if value == 0 {
                            fail("\(table.id) \(position) hid a zero")
                        }
                    }
                }
                if report.totals.all != report.bySource.grandTotal { fail("totals.all differs from the source table") }
            } catch {
                fail("\(error)")
            }
        }
        return failures
    }
}
