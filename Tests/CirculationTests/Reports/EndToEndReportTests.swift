import CirculationFixtures
import CirculationLog
import CirculationStore
import CirculationStoreSQLite
import Foundation
import Testing

@testable import CirculationReports

/// Generated SIP2 log -> ingest into a real SQLite store -> monthly report, compared figure by
/// figure with what the generator knows it wrote. The expected tables are computed here from
/// the generator's counters, independently of the report builder.
@Suite("Monthly report end to end")
struct EndToEndReportTests {
    struct Month {
        let expectation: SyntheticExpectation
        let report: MonthlyReport
    }

    func month(transactions: Int, threshold: Int = 5, branches: [String] = ["MAIN", "EAST", "WEST"]) throws -> Month {
        let dir = TemporaryDirectory("report-e2e")
        var config = StoreFixtures.smallLog(seed: 11, transactions: transactions)
        config.branches = branches
        let expected = try SyntheticSIP2Log(config).write(toPath: dir.file("selfcheck.log"))
        let store = try SQLiteCirculationStore(path: dir.file("circulation.sqlite"), mode: .createIfMissing)
        _ = try Ingestor(store: store, options: StoreFixtures.options()) { _ in }.ingest(path: dir.file("selfcheck.log"))
        let reopened = try SQLiteCirculationStore(path: dir.file("circulation.sqlite"), mode: .mustExist)
        let report = try MonthlyReportBuilder(threshold: threshold).build(month: ReportMonth("2026-03"), from: reopened)
        return Month(expectation: expected, report: report)
    }

    /// Mon=0 ... Sun=6 from the generator's own weekday function (Sun=0).
    func weekdayColumn(_ day: String) -> Int {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        return (SyntheticSIP2Log.weekday(year: parts[0], month: parts[1], day: parts[2]) + 6) % 7
    }

    /// The state survey's material columns for the media types the generator uses.
    let materialColumn = ["001": 0, "009": 0, "006": 1, "005": 2, "002": 4]

    /// Printed figures must equal the expected ones; suppressed ones are only checked elsewhere.
    func expectPrinted(_ published: [[Published]], equal expected: [[Int]], _ what: String) {
        #expect(published.count == expected.count, "\(what) rows")
        for (r, row) in published.enumerated() where r < expected.count {
            for (c, figure) in row.enumerated() {
                if let n = figure.value { #expect(n == expected[r][c], "\(what) [\(r)][\(c)]") }
            }
        }
    }

    @Test("every printed figure equals the generator's count, and the month totals are exact")
    func exactFigures() throws {
        let m = try month(transactions: 6_000)
        let counters = m.expectation.counters(countingBadChecksums: true)
        func total(_ a: CirculationAction) -> Int { m.expectation.total(a, countingBadChecksums: true) }
        #expect(m.report.totals.checkouts == .count(total(.checkout)))
        #expect(m.report.totals.checkins == .count(total(.checkin)))
        #expect(m.report.totals.renewals == .count(total(.renewal)))
        #expect(m.report.totals.all == .count(total(.checkout) + total(.checkin) + total(.renewal)))

        var hours = Array(repeating: Array(repeating: 0, count: 7), count: 24)
        let branches = Set(counters.keys.map(\.branch)).sorted()
        var materials = Array(repeating: Array(repeating: 0, count: 7), count: branches.count)
        var sources = Array(repeating: Array(repeating: 0, count: 3), count: 3)
        for (key, n) in counters {
            hours[key.hour][weekdayColumn(key.day)] += n
            let s = key.source == .selfCheck ? 0 : key.source == .staffStation ? 1 : 2
            let a = key.action == .checkout ? 0 : key.action == .checkin ? 1 : 2
            sources[s][a] += n
            if key.action != .checkin, let b = branches.firstIndex(of: key.branch) {
                materials[b][materialColumn[key.mediaType] ?? 6] += n
            }
        }
        expectPrinted(m.report.hourByWeekday.cells, equal: hours, "hour x weekday")
        expectPrinted(m.report.branchByMaterial.cells, equal: materials, "branch x material")
        expectPrinted(m.report.bySource.cells, equal: sources, "source x action")
        #expect(m.report.branchByMaterial.rowLabels == branches)
        #expect(m.report.bySource.cells[0].allSatisfy { $0 != .suppressed })

        let items = m.expectation.itemCounts(month: "2026-03", countingBadChecksums: true)
        let top = items.filter { $0.value >= 5 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(20)
        #expect(m.report.mostCirculated == top.map { ItemCount(item: $0.key, count: $0.value) })
    }

    @Test("a quiet month at a small branch: small figures are suppressed and none can be worked out")
    func quietMonth() throws {
        let m = try month(transactions: 300, threshold: 10, branches: ["MAIN", "TINY", "EAST", "WEST", "NORTH"])
        let hidden = m.report.tables.map(\.suppressedCount).reduce(0, +)
        #expect(hidden > 0)
        for table in m.report.tables {
            let printed = table.cells.flatMap { $0 } + (table.rowTotals ?? []) + (table.columnTotals ?? [])
            for figure in printed { if let n = figure.value { #expect(n == 0 || n >= 10, "\(table.id) prints \(n)") } }
            // No printed line (a row or column with its total printed) holds exactly one hidden figure.
            if let totals = table.rowTotals {
                for (r, row) in table.cells.enumerated() {
                    #expect((row + [totals[r]]).filter { $0 == .suppressed }.count != 1, "\(table.id) row \(r)")
                }
            }
            if let totals = table.columnTotals {
                for c in table.columnLabels.indices {
                    let column = table.cells.map { $0[c] } + [totals[c]]
                    #expect(column.filter { $0 == .suppressed }.count != 1, "\(table.id) column \(c)")
                }
            }
        }
        #expect(m.report.mostCirculated.allSatisfy { $0.count >= 10 })
    }
}
