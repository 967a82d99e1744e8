import ArgumentParser
import CirculationReports
import CirculationStore
import CirculationStoreSQLite
import Foundation
import RFIDCommon

/// `rfid-report monthly`: one month's report from the store, in one format, to standard output
/// or into a directory.
struct MonthlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monthly",
        abstract: "Build a month's circulation report (small counts suppressed).",
        discussion: """
            Reads the circulation store (see Docs/reports.md) and prints the month's report: totals \
            by action, branch x material, audience x material (from the site file's [report] \
            tables), hour x weekday, self-check vs staff, gate alarms, tagging activity, the \
            most-circulated items and the codes [report] leaves unmapped. Counts below the site's suppression_threshold \
            (default 5) are suppressed, with complementary suppression.
            """)

    @Option(help: "The month, as YYYY-MM.")
    var month: String

    @Option(help: "Output format.")
    var format = ReportFormat.md

    @Option(help: "Write circulation-YYYY-MM.<format> into this directory instead of standard output.")
    var out: String?

    @Flag(
        help: ArgumentHelp(
            "With --out: print a JSON result (month, format, file, suppressed figures) instead of the path.",
            discussion: "The report itself as JSON is --format json."))
    var json = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        do { _ = try ReportMonth(month) } catch { throw ValidationError(error.description) }
        // Without --out standard output is the report: a result document there would corrupt it.
        if json && out == nil {
            throw ValidationError("--json describes a report written with --out DIR; for the report itself as JSON use --format json")
        }
    }

    func run() throws {
        try runReporting("monthly") { try produce() }
    }

    private func produce() throws {
        let reportMonth = try ReportMonth(month)
        let reportFormat = format
        let resolved = try store.resolve()
        let settings = resolved.settings
        let inputs = try resolved.reportInputs()
        let sources = inputs.sources
        let gates = try inputs.gateAlarms(reportMonth)
        let report = try MonthlyReportBuilder(
            threshold: settings.suppressionThreshold, mapping: MaterialMapping(site: resolved.config.report)
        ).build(month: reportMonth, from: sources, gateAlarms: gates)
        let text = reportFormat.render(report)
        guard let out else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let file = try ReportOutput.write(text, directory: out, name: reportFormat.fileName(month: report.month))
        guard json else {
            print(file)
            return
        }
        try JSONResult.print([
            "month": report.month, "format": reportFormat.rawValue, "file": file, "threshold": report.threshold,
            "suppressed": report.tables.map(\.suppressedCount).reduce(0, +),
        ])
    }
}

extension ReportFormat: ExpressibleByArgument {}
