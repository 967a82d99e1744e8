/// One self-contained HTML file: styles inline, charts as inline SVG, no script, no link to any
/// other resource, so it can be opened offline, mailed, archived and printed as it is.
enum HTMLRenderer {
    static func render(_ report: MonthlyReport) -> String {
        let title = "Circulation report \(Escape.html(report.month))"
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        out += "<title>\(title)</title>\n<style>\(style)</style>\n</head>\n<body>\n"
        out += "<h1>\(title)</h1>\n<p class=\"note\">\(Escape.html(ReportText.suppressionNote(threshold: report.threshold)))</p>\n"
        out += hatchDefinition
        out += "<section><h2>Totals</h2>\n<table><thead><tr><th>Action</th><th>Count</th></tr></thead><tbody>"
        let totals: [(String, Published)] = [
            ("Checkouts", report.totals.checkouts), ("Checkins", report.totals.checkins),
            ("Renewals", report.totals.renewals), ("All transactions", report.totals.all),
        ]
        for (label, value) in totals { out += "<tr><th>\(label)</th>\(cell(value))</tr>" }
        out += "</tbody></table>\n"
        out += SVGCharts.bars(
            title: "Transactions by action", labels: totals.dropLast().map(\.0), values: totals.dropLast().map(\.1),
            width: 360)
        out += "</section>\n"
        for table in report.tables {
            out += "<section><h2>\(Escape.html(table.title))</h2>\n"
            out += chart(for: table)
            out += tableHTML(table, empty: ReportText.emptyText(table))
            out += "</section>\n"
        }
        out += "<section><h2>Most-circulated items</h2>\n"
        if report.mostCirculated.isEmpty {
            out += "<p>No item was used \(report.threshold) times or more.</p>\n"
        } else {
            out += "<table><thead><tr><th>Rank</th><th>Item</th><th>Transactions</th></tr></thead><tbody>"
            for (rank, item) in report.mostCirculated.enumerated() {
                out += "<tr><td>\(rank + 1)</td><th>\(Escape.html(item.item))</th><td>\(item.count)</td></tr>"
            }
            out += "</tbody></table>\n"
        }
        out += "</section>\n</body>\n</html>\n"
        return out
    }

    private static func chart(for table: PublishedTable) -> String {
        switch table.id {
        case "hourByWeekday":
            return SVGCharts.bars(
                title: "Transactions by hour of day", labels: table.rowLabels.map { String($0.prefix(2)) },
                values: table.rowTotals ?? [])
                + SVGCharts.heatmap(table)
        case "branchByMaterial":
            guard let totals = table.rowTotals, !totals.isEmpty else { return "" }
            return SVGCharts.bars(title: "Circulation by branch", labels: table.rowLabels, values: totals)
        default:
            guard !table.rowLabels.isEmpty, table.columnLabels.count == 1 else { return "" }
            return SVGCharts.bars(title: table.title, labels: table.rowLabels, values: table.cells.map { $0[0] })
        }
    }

    static func cell(_ value: Published) -> String {
        switch value {
        case .count(let n): "<td>\(n)</td>"
        case .suppressed: "<td class=\"suppressed\" title=\"suppressed\">\(ReportText.suppressedMark)</td>"
        }
    }

    static func tableHTML(_ table: PublishedTable, empty: String = "None recorded this month.") -> String {
        guard !table.rowLabels.isEmpty else { return "<p>\(empty)</p>\n" }
        var out = "<table><thead><tr><th>\(Escape.html(table.rowHeader))</th>"
        for label in table.columnLabels { out += "<th>\(Escape.html(label))</th>" }
        if table.rowTotals != nil { out += "<th>\(ReportText.totalLabel)</th>" }
        out += "</tr></thead><tbody>"
        for (r, label) in table.rowLabels.enumerated() {
            out += "<tr><th>\(Escape.html(label))</th>" + table.cells[r].map(cell).joined()
            if let totals = table.rowTotals { out += cell(totals[r]) }
            out += "</tr>"
        }
        out += "</tbody>"
        if let totals = table.columnTotals {
            out += "<tfoot><tr><th>\(ReportText.totalLabel)</th>" + totals.map(cell).joined()
            if let grand = table.grandTotal { out += cell(grand) }
            out += "</tr></tfoot>"
        }
        return out + "</table>\n"
    }

    /// The hatch pattern the charts reference, defined once for the whole page.
    static let hatchDefinition =
        "<svg width=\"0\" height=\"0\" aria-hidden=\"true\" style=\"position:absolute\"><defs>"
        + "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\" stroke-width=\"2\"/></pattern></defs></svg>\n"

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:60em;color:#111;padding:0 1em}
        h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
        .note{background:#f4f4f4;padding:.6em;border-left:4px solid #888}
        table{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums}
        th,td{border:1px solid #bbb;padding:.15em .5em}td{text-align:right}thead th{background:#eee}
        tfoot{font-weight:bold}td.suppressed{color:#777;font-style:italic;background:#f7f7f7}
        svg.chart{display:block;max-width:100%;height:auto;margin:.5em 0}
        .bar{fill:#3a6ea5}.heat{fill:#3a6ea5}.axis{font-size:10px;fill:#333}
        @media print{body{margin:0;max-width:none;font-size:10pt}section{break-inside:avoid;page-break-inside:avoid}
        .note{border-left-color:#000}.bar,.heat{fill:#444}a{color:inherit}}
        """
}
