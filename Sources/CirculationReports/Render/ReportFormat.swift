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

    /// The file name a report gets inside `--out DIR`.
    public func fileName(month: String) -> String { "circulation-\(month).\(fileExtension)" }
}

/// Words every format uses, so the renderings say the same thing.
enum ReportText {
    static let totalLabel = "Total"
    static let suppressedMark = "s"

    static func suppressionNote(threshold: Int) -> String {
        "Figures marked \"\(suppressedMark)\" are suppressed: counts from 1 to \(threshold - 1) are never shown, "
            + "and further figures are hidden where needed so that no suppressed count can be worked out "
            + "from the totals. Zero is shown as 0. The most-circulated list leaves out items used fewer than "
            + "\(threshold) times."
    }

    static func show(_ value: Published) -> String {
        switch value {
        case .count(let n): String(n)
        case .suppressed: suppressedMark
        }
    }
}
