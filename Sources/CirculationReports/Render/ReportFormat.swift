/// The formats `rfid-report monthly` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    case csv, json, md, html

    public var fileExtension: String { rawValue }

    public func render(_ report: MonthlyReport) -> String {
        switch self {
        case .csv: CSVRenderer.render(report)
        case .json: JSONRenderer.render(report)
        case .md: MarkdownRenderer.render(report)
        case .html: HTMLRenderer.render(report)
        }
    }

    public func render(_ report: AnnualReport) -> String {
        switch self {
        case .csv: AnnualRenderer.csv(report)
        case .json: AnnualRenderer.json(report)
        case .md: AnnualRenderer.markdown(report)
        case .html: AnnualRenderer.html(report)
        }
    }

    /// The file name a report gets inside `--out DIR`.
    public func fileName(month: String) -> String { "circulation-\(month).\(fileExtension)" }

    /// The file name the annual survey table gets inside `--out DIR`: `circulation-FY2026.md`.
    public func fileName(fiscalYear: FiscalYear) -> String { "circulation-\(fiscalYear).\(fileExtension)" }
}

/// Words every format uses, so the renderings say the same thing.
enum ReportText {
    static let totalLabel = "Total"
    static let suppressedMark = "s"

    static func suppressionNote(threshold: Int, mostCirculated: Bool = true) -> String {
        "Figures marked \"\(suppressedMark)\" are suppressed: counts from 1 to \(threshold - 1) are never shown, "
            + "and further figures are hidden where needed so that no suppressed count can be worked out "
            + "from the totals. Zero is shown as 0."
            + (mostCirculated ? " The most-circulated list leaves out items used fewer than \(threshold) times." : "")
    }

    /// What the annual table says about the months it shows and those it cannot.
    static func coverage(_ report: AnnualReport) -> [String] {
        var lines = ["\(report.fiscalYear) runs \(report.fiscalYear.span) (the state fiscal year, named for the year it ends)."]
        let reported = report.reportedMonths.count
        if report.isComplete {
            lines.append("All 12 months are counted; Total is the whole fiscal year.")
        } else {
            lines.append(
                "Incomplete: \(reported) of 12 months are in the table, and Total is the total of those months only. "
                    + "Months not in the table are listed below with the reason; none of them is a zero.")
        }
        return lines
    }

    /// What a monthly table with no rows says.
    static func emptyText(_ table: PublishedTable) -> String {
        table.id.hasPrefix("unmapped")
            ? "Every transaction of the month is mapped to a category and an audience." : "None recorded this month."
    }

    static let unmappedNote =
        "Circulation whose item type, collection or location code the site file's [report] tables do not map "
        + "(counted as Miscellaneous, or as Unknown audience), by code, so that staff can complete the mapping. "
        + "A transaction is listed under each of its three codes. These counts are suppressed like every other figure."

    static func show(_ value: Published) -> String {
        switch value {
        case .count(let n): String(n)
        case .suppressed: suppressedMark
        }
    }
}
