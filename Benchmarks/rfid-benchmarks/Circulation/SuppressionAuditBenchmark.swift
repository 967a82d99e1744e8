import ArgumentParser
import CirculationLog
import CirculationReports
import CirculationStore

/// What the whole-report suppression audit (linear programming, Docs/reports.md) costs a
/// month's report: the build with its audit loop, and one audit of the finished report, on
/// generated months of two sizes. Times are the thread's CPU time, median over the months.
struct SuppressionAuditBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suppression-audit",
        abstract: "Time of the report's LP disclosure audit on generated small-library and quiet-branch months.")

    @Option(help: "Months generated per size.")
    var months = 200

    @Option(help: "Suppression threshold.")
    var threshold = 5

    func run() throws {
        let builder = try MonthlyReportBuilder(threshold: threshold)
        let audit = SuppressionAudit(threshold: threshold)
        let month = try ReportMonth(GeneratedMonthStore.month)
        print("suppression audit, threshold \(threshold), \(months) generated months per size (median CPU time per month)")
        for (name, rows, perRow) in [("small library: 3 branches, ~3,000 transactions", 600, 1...9),
                                      ("quiet branch: 1 branch, ~60 transactions", 20, 1...5)] {
            var generator = SplitMix64(seed: 2026)
            var buildTimes: [Double] = []
            var auditTimes: [Double] = []
            var variables = 0
            for _ in 0..<months {
                let store = GeneratedMonthStore(rows: rows, perRow: perRow, using: &generator)
                var start = threadCPUNanoseconds()
                let report = try builder.build(month: month, from: store)
                buildTimes.append(Double(threadCPUNanoseconds() - start) / 1e6)
                start = threadCPUNanoseconds()
                let ranges = try audit.ranges(in: report)
                auditTimes.append(Double(threadCPUNanoseconds() - start) / 1e6)
                guard ranges.allSatisfy({ !$0.discloses(threshold: threshold) }) else {
                    throw ValidationError("the audit found a disclosure in a built report")
                }
                variables += ranges.count
            }
            print("  \(name)")
            print("    build (per-table suppression + audit loop + publish)  \(Self.median(buildTimes)) ms")
            print("    one audit of the built report                         \(Self.median(auditTimes)) ms"
                + "  (\(variables / max(1, months)) suppressed figures, 2 LPs each)")
        }
    }

    static func median(_ values: [Double]) -> String {
        let sorted = values.sorted()
        let middle = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        return String(format: "%7.2f", middle)
    }
}

/// A month of counters drawn at random, shaped like a library's: opening hours 9-20 Monday to
/// Saturday with the first and last hours quiet, mostly books at the main branch, mostly
/// self-check, few renewals; the rare combinations are where the small counts come from.
struct GeneratedMonthStore: CirculationStoreReading {
    static let month = "2026-11"
    var rows: [CounterRow] = []

    init(rows count: Int, perRow: ClosedRange<Int>, using generator: inout SplitMix64) {
        func pick<T>(_ weighted: [(T, Int)]) -> T {
            var roll = Int.random(in: 0..<weighted.reduce(0) { $0 + $1.1 }, using: &generator)
            for (value, weight) in weighted {
                if roll < weight { return value }
                roll -= weight
            }
            return weighted[0].0
        }
        let branches = count > 100 ? [("MAIN", 70), ("EAST", 20), ("WEST", 10)] : [("MAIN", 1)]
        // November 2026 starts on a Sunday: skip Sundays (days 1, 8, 15, 22, 29).
        let days = (1...30).filter { $0 % 7 != 1 }
        let hours = (9...20).map { ($0, $0 == 9 || $0 == 20 ? 1 : 8) }
        for _ in 0..<count {
            let day = days.randomElement(using: &generator) ?? 2
            rows.append(CounterRow(
                day: "2026-11-" + (day < 10 ? "0" : "") + String(day), hour: pick(hours),
                action: pick([(CirculationAction.checkout, 45), (.checkin, 45), (.renewal, 10)]),
                branch: pick(branches), location: "",
                mediaType: pick([("001", 70), ("006", 15), ("005", 10), ("002", 5)]), collection: "",
                source: pick([(TransactionSource.selfCheck, 60), (.staffStation, 35), (.librarySystem, 5)]),
                count: Int.random(in: perRow, using: &generator)))
        }
    }

    func counters(month: String) throws(StoreError) -> [CounterRow] { rows }
    func itemCounts(month: String) throws(StoreError) -> [ItemCount] { [] }
    func gateAlarms(month: String) throws(StoreError) -> [NamedCount] { [] }
    func taggingActivity(month: String) throws(StoreError) -> [NamedCount] { [] }
}

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
