/// Markdown for pasting into a board report or a wiki page.
enum MarkdownRenderer {
    static func render(_ report: MonthlyReport) -> String {
        var out = "# Circulation report \(report.month)\n\n"
        out += ReportText.suppressionNote(threshold: report.threshold) + "\n\n"
        out += "## Totals\n\n| Action | Count |\n|---|---:|\n"
        out += "| Checkouts | \(ReportText.show(report.totals.checkouts)) |\n"
        out += "| Checkins | \(ReportText.show(report.totals.checkins)) |\n"
        out += "| Renewals | \(ReportText.show(report.totals.renewals)) |\n"
        out += "| All transactions | \(ReportText.show(report.totals.all)) |\n\n"
        for table in report.tables { out += section(table, empty: ReportText.emptyText(table)) }
        out += "## Most-circulated items\n\n"
        if report.mostCirculated.isEmpty {
            out += "No item was used \(report.threshold) times or more.\n"
        } else {
            out += "| Rank | Item | Transactions |\n|---:|---|---:|\n"
            for (rank, item) in report.mostCirculated.enumerated() {
                out += "| \(rank + 1) | \(Escape.markdown(item.item)) | \(item.count) |\n"
            }
        }
        return out
    }

    static func section(_ table: PublishedTable, heading: String = "##", empty: String = "None recorded this month.") -> String {
        var out = "\(heading) \(table.title)\n\n"
        guard !table.rowLabels.isEmpty else { return out + empty + "\n\n" }
        var header = [Escape.markdown(table.rowHeader)] + table.columnLabels.map(Escape.markdown)
        if table.rowTotals != nil { header.append(ReportText.totalLabel) }
        out += "| " + header.joined(separator: " | ") + " |\n"
        out += "|---" + String(repeating: "|---:", count: header.count - 1) + "|\n"
        for (r, label) in table.rowLabels.enumerated() {
            var cells = [Escape.markdown(label)] + table.cells[r].map(ReportText.show)
            if let totals = table.rowTotals { cells.append(ReportText.show(totals[r])) }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        if let totals = table.columnTotals {
            var cells = ["**\(ReportText.totalLabel)**"] + totals.map(ReportText.show)
            if let grand = table.grandTotal { cells.append(ReportText.show(grand)) }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }
}
