import ArgumentParser
import CirculationReports
import CirculationStore
import Foundation
import RFIDCommon

/// `rfid-report annual`: the state survey's circulation table for one fiscal year, in one
/// format, to standard output or into a directory.
struct AnnualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual",
        abstract: "Build the state survey's circulation table for a fiscal year (small counts suppressed).",
        discussion: """
            Circulation (checkouts and renewals) by audience (Adult, Children's, Young Adult, \
            Unknown) and material, with the months July to June as columns and a total, from the \
            store's monthly counters and the site file's [report] tables (see Docs/reports.md). \
            FY2026 is July 2025 to June 2026. Months the store cannot give (purged, not yet ingested, \
            not yet come) are listed with the reason, never shown as zeros. Counts below the site's \
            suppression_threshold are suppressed, and the table is audited together with the monthly \
            reports of its months (as rfid-report monthly builds them from the same store) so that \
            no hidden figure of either can be worked out from what the two print.
            """)

    @Option(help: ArgumentHelp("The fiscal year, named for the year it ends: 2026 is July 2025 to June 2026.", valueName: "YYYY"))
    var fiscalYear: String

    @Option(help: "Output format.")
    var format = ReportFormat.md

    @Option(help: "Write circulation-FYYYYY.<format> into this directory instead of standard output.")
    var out: String?

    @Flag(
        help: ArgumentHelp(
            "With --out: print a JSON result (fiscal year, format, file, months, suppressed figures) instead of the path.",
            discussion: "The report itself as JSON is --format json."))
    var json = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        do { _ = try FiscalYear(fiscalYear) } catch { throw ValidationError(error.description) }
        if json && out == nil {
            throw ValidationError("--json describes a report written with --out DIR; for the report itself as JSON use --format json")
        }
    }

    func run() throws {
        try runReporting("annual") { try produce() }
    }

    private func produce() throws {
        let year = try FiscalYear(fiscalYear)
        let resolved = try store.resolve()
        let today = try store.todayDate()
        // The table is made safe together with the year's monthly reports, so it reads them
        // from exactly the sources `rfid-report monthly` reads.
        let inputs = try resolved.reportInputs()
        let sources = inputs.sources
        var gates: [ReportMonth: [NamedCount]] = [:]
        for month in year.months {
            gates[month] = try inputs.gateAlarms(month)
        }
        let report = try AnnualReportBuilder(
            threshold: resolved.settings.suppressionThreshold, mapping: MaterialMapping(site: resolved.config.report),
            countersRetentionMonths: resolved.settings.countersRetentionMonths
        ).build(fiscalYear: year, from: sources, today: today, gateAlarms: gates)
        // The report says it too; a scheduled run's log should as well.
        let missing = report.months.filter { !$0.status.isReported }
        if !missing.isEmpty {
            let reasons = Dictionary(grouping: missing, by: \.status).sorted { $0.key.rawValue < $1.key.rawValue }
                .map { status, months in "\(status.rawValue): \(months.map(\.month.description).joined(separator: ", "))" }
            printError("rfid-report annual: \(year) is incomplete, \(missing.count) of 12 months not in the table (\(reasons.joined(separator: "; ")))")
        }
        let text = format.render(report)
        guard let out else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let file = try ReportOutput.write(text, directory: out, name: format.fileName(fiscalYear: year))
        guard json else {
            print(file)
            return
        }
        try JSONResult.print([
            "fiscalYear": year.endingYear, "format": format.rawValue, "file": file, "threshold": report.threshold,
            "complete": report.isComplete,
            "months": report.months.map { ["month": $0.month.description, "status": $0.status.rawValue] },
            "suppressed": report.tables.map(\.suppressedCount).reduce(0, +),
        ])
    }
}
